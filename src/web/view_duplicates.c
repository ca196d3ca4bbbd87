/* view_duplicates.c - placeholder while the duplicates pages are written. */
#include "web/views.h"

void view_duplicates(struct request *r, const struct route_match *m) { (void)m; router_error(r, 501, NULL, "Not yet."); }
void view_merge_form(struct request *r, const struct route_match *m) { (void)m; router_error(r, 501, NULL, "Not yet."); }
void view_merge_post(struct request *r, const struct route_match *m) { (void)m; router_error(r, 501, NULL, "Not yet."); }
void view_merge_undo(struct request *r, const struct route_match *m) { (void)m; router_error(r, 501, NULL, "Not yet."); }
void api_duplicates(struct request *r, const struct route_match *m) { (void)m; router_error(r, 501, NULL, "Not yet."); }

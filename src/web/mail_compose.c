/*
 * mail_compose.c - the mails Passerelle writes, as text views in the
 * recipient's language: a validated note sent to its distribution list
 * (notify_step), and the daily digest of follow-ups due and overdue
 * (mail_digest_prepare).  They are queued in the outbox; the mailer
 * (domain/mailer.c) sends them when an SMTP server is configured.
 */
#include "web/views.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "domain/mailer.h"
#include "store/activity.h"
#include "store/auth.h"
#include "store/workflow.h"

/* The address of the site in mails (PASSERELLE_PUBLIC_URL), or "". */
static const char *public_url(void)
{
	const char *u = getenv("PASSERELLE_PUBLIC_URL");
	return u ? u : "";
}

static enum i18n_lang lang_of(const char *code)
{
	return code && strcmp(code, "en") == 0 ? LANG_EN : code && strcmp(code, "es") == 0 ? LANG_ES : LANG_FR;
}

void notify_step(struct request *r, const struct kind *k, int64_t id, int64_t step_id)
{
	struct distribution *d;
	size_t n;
	if (store_step_distributions(r->store, &r->arena, step_id, &d, &n) != STORE_OK || n == 0)
		return;
	struct viewer system = store_system_viewer("mail");
	struct record *rec;
	if (store_get(r->store, &r->arena, &system, k, id, 0, &rec) != STORE_OK)
		return;
	int queued = 0;
	for (size_t i = 0; i < n; i++) {
		if (!d[i].email)
			continue;
		/* Accounts read in their language; people in the sender's. */
		enum i18n_lang lang = r->lang;
		struct auth_account acc;
		if (strcmp(d[i].recipient_kind, "account") == 0 &&
		    auth_account_by_id(r->store, &r->arena, d[i].recipient_id, &acc) == AUTH_OK)
			lang = lang_of(acc.language);
		const char *type = record_get_by_name(rec, "note_type");
		const struct enum_value *tv = type ? model_enum_value(model_field(k, "note_type")->enumeration, type) : NULL;
		const char *label = i18n_gettext(lang, tv ? tv->label : k->label);
		const char *subject = arena_printf(&r->arena, "%s%s%s", label, i18n_gettext(lang, N_(": ")), record_title(rec));
		const char *body = record_get_by_name(rec, "body");
		const char *text = arena_printf(&r->arena, "%s\n%s\n\n%s\n\n-- \n%s %s%s/%s/%lld\n", record_title(rec), label,
						body ? body : "", i18n_gettext(lang, N_("Read it in Passerelle:")), public_url(),
						"", k->plural, (long long)id);
		int64_t outbox;
		if (store_outbox_add(r->store, d[i].email, d[i].label, subject, text, "distribution", &outbox) == STORE_OK) {
			store_distribution_set_outbox(r->store, step_id, d[i].recipient_kind, d[i].recipient_id, outbox);
			queued++;
		}
	}
	if (queued)
		mailer_wake();
}

int mail_digest_prepare(struct store *s, const char *day, size_t *mails)
{
	struct arena a = ARENA_INIT;
	struct digest_account *accounts;
	size_t n;
	*mails = 0;
	int rc = store_digest_accounts(s, &a, &accounts, &n);
	for (size_t i = 0; rc == STORE_OK && i < n; i++) {
		struct auth_account acc;
		if (auth_account_by_id(s, &a, accounts[i].id, &acc) != AUTH_OK)
			continue;
		struct viewer v = auth_viewer(&acc, "mail", NULL);
		struct record **due;
		size_t ndue;
		if (store_followups_due(s, &a, &v, acc.id, day, 200, &due, &ndue) != STORE_OK || ndue == 0)
			continue;
		enum i18n_lang lang = lang_of(acc.language);
		struct buf body = BUF_INIT;
		size_t overdue = 0;
		buf_printf(&body, "%s\n\n", i18n_gettext(lang, N_("Your follow-ups due today and overdue:")));
		for (size_t j = 0; j < ndue; j++) {
			const char *date = record_get_by_name(due[j], "due_date");
			int late = date && strcmp(date, day) < 0;
			overdue += late;
			buf_printf(&body, "- [%s] %s%s\n  %s/follow-ups/%lld\n", date ? date : "", record_title(due[j]),
				   late ? arena_printf(&a, " (%s)", i18n_gettext(lang, N_("overdue"))) : "", public_url(),
				   (long long)due[j]->id);
		}
		buf_printf(&body, "\n-- \n%s %s/desk\n", i18n_gettext(lang, N_("Your desk:")), public_url());
		const char *subject = arena_printf(&a, "%s%s%zu (%zu %s)", i18n_gettext(lang, N_("Follow-ups")),
						   i18n_gettext(lang, N_(": ")), ndue, overdue, i18n_gettext(lang, N_("overdue")));
		if (store_outbox_add(s, accounts[i].email, accounts[i].name, subject, buf_str(&body), "digest", NULL) == STORE_OK)
			(*mails)++;
		buf_release(&body);
	}
	arena_release(&a);
	return rc;
}

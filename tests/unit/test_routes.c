/*
 * test_routes.c - the route table: every route says who may call it, no
 * two routes answer the same method and pattern, and the rules mean what
 * the roles say (permission.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "model/permission.h"
#include "web/router.h"

static void routes_1_every_route_has_a_rule(void **state)
{
	(void)state;
	size_t n;
	const struct route *routes = router_routes(&n);
	assert_true(n > 20);
	for (size_t i = 0; i < n; i++) {
		if (routes[i].perm == PERM_UNSET)
			fail_msg("route %s %s has no permission rule", routes[i].method, routes[i].pattern);
		assert_non_null(routes[i].handler);
		assert_string_not_equal(router_perm_name(routes[i].perm), "unset");
	}
}

static void routes_2_no_duplicates(void **state)
{
	(void)state;
	size_t n;
	const struct route *routes = router_routes(&n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(routes[i].method, routes[j].method) == 0 && strcmp(routes[i].pattern, routes[j].pattern) == 0)
				fail_msg("route %s %s is declared twice", routes[i].method, routes[i].pattern);
}

static void routes_3_writes_are_never_open_to_anyone(void **state)
{
	(void)state;
	size_t n;
	const struct route *routes = router_routes(&n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(routes[i].method, "GET") == 0 || routes[i].perm != PERM_ANYONE)
			continue;
		/* Only signing in may be posted by anybody. */
		if (strncmp(routes[i].pattern, "/login", 6) != 0)
			fail_msg("route %s %s changes state and is open to anyone", routes[i].method, routes[i].pattern);
	}
}

static void permission_1_roles(void **state)
{
	(void)state;
	assert_true(permission_allows(ROLE_ANONYMOUS, &model_organization, ACT_READ));
	assert_false(permission_allows(ROLE_ANONYMOUS, &model_organization, ACT_CREATE));
	assert_false(permission_allows(ROLE_ANONYMOUS, &model_account, ACT_READ));
	assert_false(permission_allows(ROLE_READER, &model_person, ACT_UPDATE));
	assert_true(permission_allows(ROLE_EDITOR, &model_person, ACT_UPDATE));
	assert_false(permission_allows(ROLE_EDITOR, &model_person, ACT_ERASE));
	assert_false(permission_allows(ROLE_EDITOR, &model_account, ACT_READ));
	assert_true(permission_allows(ROLE_VALIDATOR, &model_person, ACT_VALIDATE));
	assert_false(permission_allows(ROLE_EDITOR, &model_person, ACT_VALIDATE));
	assert_true(permission_allows(ROLE_ADMIN, &model_account, ACT_CREATE));
	assert_true(permission_allows(ROLE_ADMIN, &model_person, ACT_ERASE));
	assert_false(permission_allows(ROLE_PARTNER, &model_person, ACT_DELETE));
	assert_false(permission_allows(ROLE_PARTNER, &model_team, ACT_READ));
	assert_int_equal(permission_role("validator"), ROLE_VALIDATOR);
	assert_int_equal(permission_role("nonsense"), ROLE_ANONYMOUS);
	assert_string_equal(permission_role_code(ROLE_ADMIN), "administrator");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(routes_1_every_route_has_a_rule),
		cmocka_unit_test(routes_2_no_duplicates),
		cmocka_unit_test(routes_3_writes_are_never_open_to_anyone),
		cmocka_unit_test(permission_1_roles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

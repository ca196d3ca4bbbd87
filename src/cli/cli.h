/*
 * cli.h - the subcommands beyond serve and init: accounts (user) and the
 * history's integrity (audit).  Each takes argc/argv from its verb on and
 * returns an exit code: 0 success, 1 failure, 2 bad usage.
 */
#ifndef PASSERELLE_CLI_H
#define PASSERELLE_CLI_H

struct store;

int cli_user(int argc, char **argv);
int cli_audit(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_export(int argc, char **argv);

/* Create the first administrator when the base has no account, and print
 * its one-time password.  0, or -1 with a message on stderr. */
int cli_first_admin(struct store *s, const char *email);
/* Create one demo account per role (printing their one-time passwords)
 * when the base has none but the administrator. */
int cli_demo_accounts(struct store *s);

/* Open an existing database; NULL after a message. */
struct store *cli_open_store(const char *path, int create);

#endif

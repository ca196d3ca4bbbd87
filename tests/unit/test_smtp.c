/*
 * test_smtp.c - unit tests of the email sender (src/io/smtp.c).
 *
 * A small SMTP receiver runs in a thread of the test on 127.0.0.1 (a port
 * the system picks): it answers 220, EHLO/HELO, MAIL FROM, RCPT TO, DATA
 * (up to the "." line, dot-stuffing undone), RSET, NOOP and QUIT, and
 * records the envelope and the data of each mail and how many connections
 * it accepted.  Through it:
 *   - a mail with an accented subject, names and body goes through
 *     smtp_send(): the envelope is the From address and the recipient,
 *     the Subject decodes (RFC 2047) to the subject, the body decodes
 *     (quoted-printable) to the text, lines end in CRLF and are short;
 *     with html, the message is multipart/alternative with both parts;
 *   - header injection ("\r\nBcc: x@y" in the subject, in the recipient,
 *     in a name) and implausible addresses are refused before any
 *     connection: the receiver sees none;
 *   - a closed port gives -1 and curl's message at once, a server that
 *     never answers gives -1 after the timeout, not later.
 * smtp_format() is also checked alone: folding of long subjects, quoting
 * of names, quoted-printable edge cases, the refusals and their messages.
 *
 * Build and run from the root:
 *   make build/release/tests/test_smtp && build/release/tests/test_smtp
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "io/smtp.h"

#define DATE "Tue, 01 Jul 2025 10:00:00 +0000"
#define MESSAGE_ID "<1751364000.abc@example.org>"

/* ---- the receiver ---- */

#define MAX_MAILS 8

struct received {
	char from[256];
	char to[4][256];
	int nto;
	struct buf data;
};

struct receiver {
	int fd;
	int port;
	pthread_t thread;
	pthread_mutex_t lock;
	int stop;
	int connections;
	struct received mails[MAX_MAILS];
	int nmails;
};

static struct receiver rx;

/* Read one line (without its CRLF) from fd into line; 0, or -1 at the
 * end or after 5 s of silence. */
static int read_line(int fd, struct buf *pending, struct buf *line)
{
	for (;;) {
		char *nl = pending->len ? memchr(pending->data, '\n',
						 pending->len) : NULL;
		if (nl) {
			size_t n = (size_t)(nl - pending->data);
			buf_reset(line);
			buf_append(line, pending->data,
				   n && nl[-1] == '\r' ? n - 1 : n);
			buf_puts(line, "");
			size_t rest = pending->len - n - 1;
			memmove(pending->data, nl + 1, rest);
			pending->len = rest;
			return 0;
		}
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 5000) <= 0)
			return -1;
		char chunk[4096];
		ssize_t got = read(fd, chunk, sizeof(chunk));
		if (got <= 0)
			return -1;
		buf_append(pending, chunk, (size_t)got);
	}
}

static void say(int fd, const char *s)
{
	size_t n = strlen(s);
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void copy_arg(char *dst, size_t size, const char *line)
{
	const char *colon = strchr(line, ':');
	snprintf(dst, size, "%s", colon ? colon + 1 : "");
}

/* One SMTP session on fd. */
static void serve(int fd)
{
	struct buf pending = BUF_INIT, line = BUF_INIT;
	struct received cur;
	memset(&cur, 0, sizeof(cur));
	say(fd, "220 test.invalid ESMTP test receiver\r\n");
	while (read_line(fd, &pending, &line) == 0) {
		const char *l = line.data;
		if (!strncasecmp(l, "EHLO", 4)) {
			say(fd, "250-test.invalid\r\n250 8BITMIME\r\n");
		} else if (!strncasecmp(l, "HELO", 4)) {
			say(fd, "250 test.invalid\r\n");
		} else if (!strncasecmp(l, "MAIL FROM:", 10)) {
			copy_arg(cur.from, sizeof(cur.from), l);
			cur.nto = 0;
			say(fd, "250 OK\r\n");
		} else if (!strncasecmp(l, "RCPT TO:", 8)) {
			if (cur.nto < 4)
				copy_arg(cur.to[cur.nto++], sizeof(cur.to[0]), l);
			say(fd, "250 OK\r\n");
		} else if (!strncasecmp(l, "DATA", 4)) {
			say(fd, "354 End data with <CR><LF>.<CR><LF>\r\n");
			cur.data = (struct buf)BUF_INIT;
			buf_puts(&cur.data, "");
			int ended = 0;
			while (read_line(fd, &pending, &line) == 0) {
				if (strcmp(line.data, ".") == 0) {
					ended = 1;
					break;
				}
				const char *d = line.data;
				buf_puts(&cur.data, d[0] == '.' ? d + 1 : d);
				buf_puts(&cur.data, "\r\n");
			}
			if (!ended) {
				buf_release(&cur.data);
				break;
			}
			pthread_mutex_lock(&rx.lock);
			if (rx.nmails < MAX_MAILS)
				rx.mails[rx.nmails++] = cur;
			else
				buf_release(&cur.data);
			pthread_mutex_unlock(&rx.lock);
			memset(&cur, 0, sizeof(cur));
			say(fd, "250 OK queued\r\n");
		} else if (!strncasecmp(l, "QUIT", 4)) {
			say(fd, "221 bye\r\n");
			break;
		} else if (!strncasecmp(l, "RSET", 4) ||
			   !strncasecmp(l, "NOOP", 4)) {
			say(fd, "250 OK\r\n");
		} else {
			say(fd, "502 command not implemented\r\n");
		}
	}
	close(fd);
	buf_release(&pending);
	buf_release(&line);
}

static void *receiver_main(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&rx.lock);
		int stop = rx.stop;
		pthread_mutex_unlock(&rx.lock);
		if (stop)
			break;
		struct pollfd p = { rx.fd, POLLIN, 0 };
		if (poll(&p, 1, 50) <= 0)
			continue;
		int fd = accept(rx.fd, NULL, NULL);
		if (fd < 0)
			continue;
		pthread_mutex_lock(&rx.lock);
		rx.connections++;
		pthread_mutex_unlock(&rx.lock);
		serve(fd);
	}
	return NULL;
}

/* A listening socket on 127.0.0.1 and a port the system picks. */
static int listen_local(int *port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in a = { .sin_family = AF_INET };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 8) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return fd;
}

static int group_setup(void **state)
{
	(void)state;
	if (smtp_global_init() < 0)
		return -1;
	pthread_mutex_init(&rx.lock, NULL);
	rx.fd = listen_local(&rx.port);
	if (rx.fd < 0)
		return -1;
	return pthread_create(&rx.thread, NULL, receiver_main, NULL) ? -1 : 0;
}

static int group_teardown(void **state)
{
	(void)state;
	pthread_mutex_lock(&rx.lock);
	rx.stop = 1;
	pthread_mutex_unlock(&rx.lock);
	pthread_join(rx.thread, NULL);
	close(rx.fd);
	for (int i = 0; i < rx.nmails; i++)
		buf_release(&rx.mails[i].data);
	smtp_global_cleanup();
	return 0;
}

static int receiver_connections(void)
{
	pthread_mutex_lock(&rx.lock);
	int n = rx.connections;
	pthread_mutex_unlock(&rx.lock);
	return n;
}

/* The last mail received (smtp_send() returns after the server's 250, so
 * it is recorded by then). */
static const struct received *last_mail(int want_count)
{
	pthread_mutex_lock(&rx.lock);
	int n = rx.nmails;
	pthread_mutex_unlock(&rx.lock);
	assert_int_equal(n, want_count);
	return &rx.mails[n - 1];
}

/* ---- decoding what was received ---- */

/* The value of header `name` in the message, unfolded (CRLF before a
 * space or tab removed), into out; 0, or -1 when absent. */
static int header(const char *msg, const char *name, struct buf *out)
{
	size_t n = strlen(name);
	const char *end = strstr(msg, "\r\n\r\n");
	assert_non_null(end);
	for (const char *l = msg; l < end;) {
		const char *eol = strstr(l, "\r\n");
		if (!strncasecmp(l, name, n) && l[n] == ':') {
			const char *v = l + n + 1;
			while (*v == ' ')
				v++;
			buf_reset(out);
			buf_puts(out, "");
			for (;;) {
				buf_append(out, v, (size_t)(eol - v));
				if (eol[2] != ' ' && eol[2] != '\t')
					break;
				v = eol + 2;
				eol = strstr(v, "\r\n");
			}
			return 0;
		}
		l = eol + 2;
	}
	return -1;
}

/* Decode the RFC 2047 encoded-words (=?UTF-8?B?...?=) of a header value;
 * whitespace between two encoded-words is dropped. */
static void decode_2047(const char *v, struct buf *out)
{
	buf_reset(out);
	buf_puts(out, "");
	int after_word = 0;
	while (*v) {
		if (!strncmp(v, "=?UTF-8?B?", 10)) {
			const char *e = strstr(v + 10, "?=");
			assert_non_null(e);
			unsigned char bin[256];
			size_t len;
			assert_int_equal(sodium_base642bin(bin, sizeof(bin), v + 10,
							   (size_t)(e - v - 10), NULL,
							   &len, NULL,
							   sodium_base64_VARIANT_ORIGINAL), 0);
			assert_true(e + 2 - v <= 75); /* RFC 2047 limit */
			buf_append(out, bin, len);
			v = e + 2;
			after_word = 1;
			continue;
		}
		size_t ws = strspn(v, " \t");
		if (ws && after_word && !strncmp(v + ws, "=?UTF-8?B?", 10)) {
			v += ws;
			continue;
		}
		buf_putc(out, *v++);
		after_word = 0;
	}
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decode quoted-printable s[0..n) (CRLF line ends) into out. */
static void decode_qp(const char *s, size_t n, struct buf *out)
{
	buf_reset(out);
	buf_puts(out, "");
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '=') {
			assert_true(s[i] == '\r' || s[i] == '\n' || s[i] == '\t' ||
				    (s[i] >= 32 && s[i] <= 126));
			buf_putc(out, s[i]);
			continue;
		}
		assert_true(i + 2 < n + 1);
		if (s[i + 1] == '\r' && s[i + 2] == '\n') {
			i += 2;
			continue;
		}
		int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
		assert_true(hi >= 0 && lo >= 0);
		buf_putc(out, (char)(hi * 16 + lo));
		i += 2;
	}
}

/* Every line of msg ends in CRLF (no bare CR or LF) and holds at most
 * max octets. */
static void check_lines(const char *msg, size_t max)
{
	for (const char *l = msg; *l;) {
		const char *eol = strstr(l, "\r\n");
		assert_non_null(eol);
		size_t n = (size_t)(eol - l);
		if (n > max)
			fail_msg("line of %zu octets: %.*s", n, (int)n, l);
		assert_null(memchr(l, '\r', n));
		assert_null(memchr(l, '\n', n));
		l = eol + 2;
	}
}

/* The body of a single-part message, or of the part of type `type` in a
 * multipart one, decoded. */
static void body_of(const char *msg, const char *type, struct buf *out)
{
	char want[128];
	snprintf(want, sizeof(want), "Content-Type: %s; charset=UTF-8\r\n"
		 "Content-Transfer-Encoding: quoted-printable\r\n\r\n", type);
	const char *p = strstr(msg, want);
	assert_non_null(p);
	p += strlen(want);
	const char *end = strstr(p, "\r\n--=_passerelle_alternative");
	size_t n = end ? (size_t)(end - p) + 2 : strlen(p);
	decode_qp(p, n, out);
}

/* ---- the tests ---- */

static const struct smtp_config base_config = {
	.from = "Passerelle Île-de-France <passerelle@example.org>",
	.timeout_seconds = 10,
};

static void config_for(struct smtp_config *c, int port)
{
	static char url[64];
	*c = base_config;
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", port);
	c->url = url;
}

static const char *const accented_subject =
	"Résumé du jour : 3 interactions à suivre — échéances, "
	"réunions et notes de l'équipe Passerelle";
static const char *const accented_text =
	"Bonjour Marie-Hélène,\n\n"
	"Voici les interactions à suivre aujourd'hui : une ligne bien plus "
	"longue que soixante-seize caractères, avec des accents éèàùçœ€ et "
	"des signes = pour voir.\n"
	".Une ligne qui commence par un point\n"
	"..et une par deux\n"
	"Des espaces en fin de ligne   \n"
	"\n"
	"L'équipe Passerelle";

static void test_send(void **state)
{
	(void)state;
	struct smtp_config c;
	config_for(&c, rx.port);
	struct mail m = { .to = "marie-helene.dupont@example.org",
			  .to_name = "Marie-Hélène Dupont",
			  .subject = accented_subject, .text = accented_text };
	char err[256] = "x";
	int before = receiver_connections();
	if (smtp_send(&c, &m, err, sizeof(err)) != 0)
		fail_msg("smtp_send: %s", err);
	assert_string_equal(err, "");
	assert_int_equal(receiver_connections(), before + 1);
	const struct received *r = last_mail(1);
	assert_string_equal(r->from, "<passerelle@example.org>");
	assert_int_equal(r->nto, 1);
	assert_string_equal(r->to[0], "<marie-helene.dupont@example.org>");

	const char *msg = r->data.data;
	check_lines(msg, 998);
	/* The header lines are short. */
	const char *end = strstr(msg, "\r\n\r\n");
	struct buf head = BUF_INIT, v = BUF_INIT, d = BUF_INIT;
	buf_append(&head, msg, (size_t)(end - msg) + 2);
	check_lines(head.data, 78);

	assert_int_equal(header(msg, "Subject", &v), 0);
	decode_2047(v.data, &d);
	assert_string_equal(d.data, accented_subject);
	assert_int_equal(header(msg, "From", &v), 0);
	decode_2047(v.data, &d);
	assert_string_equal(d.data, "Passerelle Île-de-France <passerelle@example.org>");
	assert_int_equal(header(msg, "To", &v), 0);
	decode_2047(v.data, &d);
	assert_string_equal(d.data, "Marie-Hélène Dupont <marie-helene.dupont@example.org>");
	assert_int_equal(header(msg, "MIME-Version", &v), 0);
	assert_string_equal(v.data, "1.0");
	assert_int_equal(header(msg, "Date", &v), 0);
	assert_true(strlen(v.data) == 31 && strstr(v.data, " +0000"));
	assert_int_equal(header(msg, "Message-ID", &v), 0);
	assert_true(v.data[0] == '<' && strstr(v.data, "@example.org>"));
	assert_int_equal(header(msg, "Content-Transfer-Encoding", &v), 0);
	assert_string_equal(v.data, "quoted-printable");
	assert_int_equal(header(msg, "Bcc", &v), -1);

	body_of(msg, "text/plain", &d);
	struct buf want = BUF_INIT;
	for (const char *p = accented_text; *p; p++)
		buf_puts(&want, *p == '\n' ? "\r\n" : (char[]){ *p, 0 });
	buf_puts(&want, "\r\n");
	assert_string_equal(d.data, want.data);
	buf_release(&head);
	buf_release(&v);
	buf_release(&d);
	buf_release(&want);
}

static void test_send_html(void **state)
{
	(void)state;
	struct smtp_config c;
	config_for(&c, rx.port);
	c.from = "passerelle@localhost";
	struct mail m = { .to = "jean@example.org", .subject = "Digest",
			  .text = "Texte brut é",
			  .html = "<p>Texte <b>riche</b> é</p>" };
	char err[256];
	if (smtp_send(&c, &m, err, sizeof(err)) != 0)
		fail_msg("smtp_send: %s", err);
	const struct received *r = last_mail(2);
	assert_string_equal(r->from, "<passerelle@localhost>");
	const char *msg = r->data.data;
	check_lines(msg, 78);
	struct buf v = BUF_INIT, d = BUF_INIT;
	assert_int_equal(header(msg, "Content-Type", &v), 0);
	assert_string_equal(v.data, "multipart/alternative; "
			    "boundary=\"=_passerelle_alternative\"");
	assert_int_equal(header(msg, "Subject", &v), 0);
	assert_string_equal(v.data, "Digest");
	assert_int_equal(header(msg, "From", &v), 0);
	assert_string_equal(v.data, "passerelle@localhost");
	assert_int_equal(header(msg, "To", &v), 0);
	assert_string_equal(v.data, "jean@example.org");
	/* Text first, then HTML, then the closing boundary. */
	const char *text = strstr(msg, "Content-Type: text/plain");
	const char *html = strstr(msg, "Content-Type: text/html");
	const char *close = strstr(msg, "\r\n--=_passerelle_alternative--\r\n");
	assert_true(text && html && close && text < html && html < close);
	body_of(msg, "text/plain", &d);
	assert_string_equal(d.data, "Texte brut é\r\n");
	body_of(msg, "text/html", &d);
	assert_string_equal(d.data, "<p>Texte <b>riche</b> é</p>\r\n");
	buf_release(&v);
	buf_release(&d);
}

static void test_injection_refused(void **state)
{
	(void)state;
	struct smtp_config c;
	config_for(&c, rx.port);
	int before = receiver_connections();
	int mails_before = rx.nmails;
	struct mail good = { .to = "a@example.org", .to_name = "A",
			     .subject = "Sujet", .text = "x" };
	static const struct {
		int field; /* 0 subject, 1 to, 2 to_name, 3 from */
		const char *value;
		const char *want;
	} cases[] = {
		{ 0, "Bonjour\r\nBcc: x@y", "subject: contains a line break" },
		{ 0, "Bonjour\nBcc: x@y", "subject: contains a line break" },
		{ 0, "Bonjour\rBcc: x@y", "subject: contains a line break" },
		{ 0, "Bonjour\x01", "subject: contains a control character" },
		{ 1, "a@example.org\r\nBcc: x@y", "to: contains a line break" },
		{ 1, "a@example.org, b@example.org", "to: not a plausible" },
		{ 1, "Name <a@example.org>", "to: not a plausible" },
		{ 1, "a@example.org>\r\nRCPT TO:<b@example.org", "to: contains" },
		{ 1, "not an address", "to: not a plausible" },
		{ 1, "a@@example.org", "to: not a plausible" },
		{ 1, "a@-example.org", "to: not a plausible" },
		{ 1, ".a@example.org", "to: not a plausible" },
		{ 1, "a..b@example.org", "to: not a plausible" },
		{ 1, "a@example..org", "to: not a plausible" },
		{ 1, "a@exa_mple.org", "to: not a plausible" },
		{ 1, "", "to: not a plausible" },
		{ 1, NULL, "to: missing" },
		{ 2, "Marie\r\nBcc: x@y", "to_name: contains a line break" },
		{ 3, "P <p@example.org>\r\nBcc: x@y", "from: contains a line break" },
		{ 3, "P <p@example.org", "from: not" },
		{ 3, "P <p@exa mple.org>", "from: not" },
		{ 3, NULL, "from: missing" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mail m = good;
		struct smtp_config cc = c;
		const char **f[] = { &m.subject, &m.to, &m.to_name, &cc.from };
		*f[cases[i].field] = cases[i].value;
		char err[256] = "";
		assert_int_equal(smtp_send(&cc, &m, err, sizeof(err)), -1);
		if (!strstr(err, cases[i].want))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err,
				 cases[i].want);
		struct buf out = BUF_INIT;
		buf_puts(&out, "before");
		assert_int_equal(smtp_format(&out, &cc, &m, DATE, MESSAGE_ID,
					     err, sizeof(err)), -1);
		assert_true(strstr(err, cases[i].want) != NULL);
		assert_string_equal(out.data, "before");
		buf_release(&out);
	}
	/* Not an SMTP URL. */
	struct smtp_config cc = c;
	cc.url = "file:///etc/passwd";
	char err[256];
	assert_int_equal(smtp_send(&cc, &good, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "url"));
	/* Nothing reached the receiver. */
	assert_int_equal(receiver_connections(), before);
	assert_int_equal(rx.nmails, mails_before);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_unreachable(void **state)
{
	(void)state;
	struct mail m = { .to = "a@example.org", .subject = "x", .text = "x" };
	struct smtp_config c;
	char err[256] = "";

	/* A closed port: refused at once. */
	int port, fd = listen_local(&port);
	assert_true(fd >= 0);
	close(fd);
	config_for(&c, port);
	c.timeout_seconds = 5;
	double t0 = now_seconds();
	assert_int_equal(smtp_send(&c, &m, err, sizeof(err)), -1);
	assert_true(now_seconds() - t0 < 5);
	assert_true(strlen(err) > 6);
	assert_non_null(strstr(err, "smtp: "));

	/* A server that accepts the connection (in the kernel's backlog)
	 * but never says 220: -1 once the timeout has passed. */
	fd = listen_local(&port);
	assert_true(fd >= 0);
	config_for(&c, port);
	c.timeout_seconds = 2;
	err[0] = '\0';
	t0 = now_seconds();
	assert_int_equal(smtp_send(&c, &m, err, sizeof(err)), -1);
	double took = now_seconds() - t0;
	close(fd);
	assert_true(took >= 1.5 && took < 4.5);
	assert_true(strlen(err) > 6);
}

/* smtp_format() alone: long ASCII subjects fold at spaces, names are
 * quoted or encoded, bad UTF-8 is repaired, the body is quoted-printable
 * within 76 columns. */
static void test_format(void **state)
{
	(void)state;
	struct smtp_config c = base_config;
	c.from = "\"Passerelle, l'outil\" <passerelle@example.org>";
	char subject[400] = "";
	for (int i = 0; i < 20; i++)
		strcat(subject, i ? " word-number-" : "word-number-");
	struct buf body = BUF_INIT;
	for (int i = 0; i < 300; i++)
		buf_puts(&body, i % 7 ? "é=" : " \t");
	buf_puts(&body, "\xFF end \r\n\r last  ");
	struct mail m = { .to = "x@example.org", .to_name = "O'Neil \"JJ\" \\ Jr",
			  .subject = subject, .text = body.data };
	struct buf out = BUF_INIT, v = BUF_INIT, d = BUF_INIT;
	char err[256] = "x";
	assert_int_equal(smtp_format(&out, &c, &m, DATE, MESSAGE_ID, err,
				     sizeof(err)), 0);
	assert_string_equal(err, "");
	const char *msg = out.data;
	check_lines(msg, 78);
	assert_int_equal(header(msg, "Date", &v), 0);
	assert_string_equal(v.data, DATE);
	assert_int_equal(header(msg, "Message-ID", &v), 0);
	assert_string_equal(v.data, MESSAGE_ID);
	assert_int_equal(header(msg, "Subject", &v), 0);
	assert_string_equal(v.data, subject); /* folded, not encoded */
	assert_null(strstr(msg, "=?UTF-8?B?"));
	assert_int_equal(header(msg, "From", &v), 0);
	assert_string_equal(v.data, "\"Passerelle, l'outil\" <passerelle@example.org>");
	assert_int_equal(header(msg, "To", &v), 0);
	assert_string_equal(v.data, "\"O'Neil \\\"JJ\\\" \\\\ Jr\" <x@example.org>");
	body_of(msg, "text/plain", &d);
	struct buf want = BUF_INIT;
	for (int i = 0; i < 300; i++)
		buf_puts(&want, i % 7 ? "é=" : " \t");
	buf_puts(&want, "\xEF\xBF\xBD end \r\n\r\n last  \r\n");
	assert_string_equal(d.data, want.data);
	/* Trailing white space is encoded, "=" always. */
	assert_non_null(strstr(msg, " =20\r\n"));
	assert_null(strstr(msg, " \r\n"));

	/* A subject of one long word, a tab or "=?" is encoded; an empty one
	 * stays empty; a long non-ASCII name folds. */
	const char *subjects[] = { "x1234567890123456789012345678901234567890"
				   "1234567890123456789012345678901234567890",
				   "tab\there", "=?UTF-8?B?eA==?=", "" };
	for (size_t i = 0; i < 4; i++) {
		m.subject = subjects[i];
		m.to_name = "Ève-Marie de La Tour d'Auvergne-Lauraguais, "
			    "directrice générale adjointe";
		buf_reset(&out);
		assert_int_equal(smtp_format(&out, &c, &m, DATE, MESSAGE_ID, err,
					     sizeof(err)), 0);
		check_lines(out.data, 78);
		assert_int_equal(header(out.data, "Subject", &v), 0);
		if (subjects[i][0])
			assert_non_null(strstr(v.data, "=?UTF-8?B?"));
		decode_2047(v.data, &d);
		assert_string_equal(d.data, subjects[i]);
		assert_int_equal(header(out.data, "To", &v), 0);
		decode_2047(v.data, &d);
		assert_string_equal(d.data, "Ève-Marie de La Tour d'Auvergne-"
				    "Lauraguais, directrice générale adjointe "
				    "<x@example.org>");
	}

	/* A bad Message-ID or Date. */
	assert_int_equal(smtp_format(&out, &c, &m, DATE, "no-brackets@x", err,
				     sizeof(err)), -1);
	assert_non_null(strstr(err, "message_id"));
	assert_int_equal(smtp_format(&out, &c, &m, DATE, "<a b@x>", err,
				     sizeof(err)), -1);
	assert_int_equal(smtp_format(&out, &c, &m, DATE "\r\nBcc: x@y",
				     MESSAGE_ID, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "date: contains a line break"));
	assert_int_equal(smtp_format(&out, &c, &m, "", MESSAGE_ID, err,
				     sizeof(err)), -1);
	/* err may be NULL. */
	assert_int_equal(smtp_format(&out, &c, &m, "", MESSAGE_ID, NULL, 0), -1);
	buf_release(&out);
	buf_release(&v);
	buf_release(&d);
	buf_release(&want);
	buf_release(&body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_send),
		cmocka_unit_test(test_send_html),
		cmocka_unit_test(test_injection_refused),
		cmocka_unit_test(test_unreachable),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

/*
 * smtp.c - the email messages and the SMTP client of smtp.h.
 *
 * smtp_format() checks every header value first (control characters,
 * addresses, Message-ID) and only then writes, into a buffer of its own
 * that is appended to the caller's at the end.  Header values that are
 * not short printable ASCII become RFC 2047 encoded-words in base64 (B),
 * folded between words; bodies are quoted-printable with soft breaks at
 * 76 columns.  A fixed multipart boundary is safe: it starts with "=_",
 * which quoted-printable output never holds ('=' is always followed by a
 * hex digit or a line end there).
 */
#include "base/text.h"
#include <curl/curl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "io/smtp.h"

#define SMTP_LINE_SOFT 78    /* octets a header line should not pass */
#define SMTP_QP_LINE 76      /* octets in a quoted-printable line */
#define SMTP_WORD_OCTETS 39  /* UTF-8 octets in one encoded-word: 52
			      * base64 characters, a 64-octet word */
#define SMTP_PLAIN_MAX 60    /* longest ASCII name or word written as is */
#define SMTP_ADDRESS_MAX 254
#define SMTP_HEADER_MAX 400  /* longest Date or Message-ID accepted */
#define SMTP_BOUNDARY "=_passerelle_alternative"
#define SMTP_DEFAULT_TIMEOUT 30L

int smtp_global_init(void)
{
	CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (rc != CURLE_OK) {
		fprintf(stderr, "passerelle: curl_global_init: %s\n",
			curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

void smtp_global_cleanup(void)
{
	curl_global_cleanup();
}

/* ---- text ---- */


/* s (NULL is "") with its UTF-8 repaired byte by byte into out, replacing
 * its contents; with `lines`, CRLF and CR also made LF. */
static void smtp_repair(struct buf *out, const char *s, int lines)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)u);
	buf_reset(out);
	buf_puts(out, "");
	for (size_t i = 0; i < n;) {
		size_t len = text_utf8_seq(u + i, n - i);
		if (!len) {
			buf_append(out, "\xEF\xBF\xBD", 3);
			i++;
		} else if (lines && u[i] == '\r') {
			buf_putc(out, '\n');
			i += i + 1 < n && u[i + 1] == '\n' ? 2 : 1;
		} else {
			buf_append(out, u + i, len);
			i += len;
		}
	}
}

/* 0 when the header value s has no control character but tab; else -1
 * with a message naming the field. */
static int smtp_check_header(const char *field, const char *s, char *err,
			     size_t errlen)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\r' || *p == '\n')
			return fail_message(err, errlen, "%s: contains a line "
					 "break", field);
		if ((*p < 0x20 && *p != '\t') || *p == 0x7F)
			return fail_message(err, errlen, "%s: contains a control "
					 "character", field);
	}
	return 0;
}

static int smtp_is_atext(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static int smtp_is_ldh(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-';
}

/* Is s[0..n) a plausible address: local@domain, the local part dot-atoms
 * (1 to 64 octets), the domain LDH labels of 1 to 63 octets joined by
 * dots ("localhost" is one)? */
static int smtp_address_ok(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	const unsigned char *at = memchr(u, '@', n);
	if (n > SMTP_ADDRESS_MAX || !at)
		return 0;
	size_t local = (size_t)(at - u), domain = n - local - 1;
	if (local == 0 || local > 64 || domain == 0 || domain > 253)
		return 0;
	for (size_t i = 0; i < local; i++) {
		if (u[i] == '.' ? i == 0 || i + 1 == local || u[i + 1] == '.'
				: !smtp_is_atext(u[i]))
			return 0;
	}
	size_t label = 0;
	for (size_t i = local + 1; i <= n; i++) {
		if (i == n || u[i] == '.') {
			if (label == 0 || label > 63 || u[i - 1] == '-')
				return 0;
			label = 0;
		} else if (!smtp_is_ldh(u[i]) || (label == 0 && u[i] == '-')) {
			return 0;
		} else {
			label++;
		}
	}
	return 1;
}

/* Split a From value ("Name <address>", "\"Name\" <address>" or
 * "address", already free of control characters) into name and address;
 * 0, or -1 when it is none of those or the address is not plausible. */
static int smtp_parse_from(const char *from, struct buf *name,
			   struct buf *address)
{
	size_t n = strlen(from), start = 0;
	while (start < n && (from[start] == ' ' || from[start] == '\t'))
		start++;
	while (n > start && (from[n - 1] == ' ' || from[n - 1] == '\t'))
		n--;
	buf_reset(name);
	buf_puts(name, "");
	buf_reset(address);
	buf_puts(address, "");
	if (n > start && from[n - 1] == '>') {
		const char *lt = NULL;
		for (size_t i = start; i < n; i++)
			if (from[i] == '<')
				lt = from + i;
		if (!lt)
			return -1;
		size_t name_end = (size_t)(lt - from);
		buf_append(address, lt + 1, n - name_end - 2);
		while (name_end > start && (from[name_end - 1] == ' ' ||
					    from[name_end - 1] == '\t'))
			name_end--;
		if (name_end - start >= 2 && from[start] == '"' &&
		    from[name_end - 1] == '"') {
			for (size_t i = start + 1; i < name_end - 1; i++) {
				if (from[i] == '\\' && i + 2 < name_end)
					i++;
				buf_putc(name, from[i]);
			}
		} else {
			buf_append(name, from + start, name_end - start);
		}
	} else {
		buf_append(address, from + start, n - start);
	}
	return smtp_address_ok(address->data, address->len) ? 0 : -1;
}

/* Append encoded-words for the UTF-8 text s[0..n) (repaired) to out; *col
 * is the length of the current line, kept up to date.  Words are joined
 * by a space, or by a fold when the line would pass SMTP_LINE_SOFT. */
static void smtp_put_encoded(struct buf *out, size_t *col, const char *s,
			     size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	do {
		size_t j = i;
		while (j < n) {
			size_t k = text_utf8_seq(u + j, n - j);
			k = k ? k : 1;
			if (j + k - i > SMTP_WORD_OCTETS)
				break;
			j += k;
		}
		char b64[sodium_base64_ENCODED_LEN(SMTP_WORD_OCTETS,
						   sodium_base64_VARIANT_ORIGINAL)];
		sodium_bin2base64(b64, sizeof(b64), u + i, j - i,
				  sodium_base64_VARIANT_ORIGINAL);
		size_t len = strlen(b64) + 12;
		if (i > 0) {
			if (*col + 1 + len > SMTP_LINE_SOFT) {
				buf_append(out, "\r\n ", 3);
				*col = 1;
			} else {
				buf_putc(out, ' ');
				(*col)++;
			}
		}
		buf_printf(out, "=?UTF-8?B?%s?=", b64);
		*col += len;
		i = j;
	} while (i < n);
}

/* Is s plain enough to be written as is: printable ASCII, no "=?" (that
 * would read as an encoded-word), at most `max` octets? */
static int smtp_plain(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n > max || strstr(s, "=?"))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7E)
			return 0;
	return 1;
}

/* "Field: name <address>" (or "Field: address" when name is empty). */
static void smtp_put_mailbox(struct buf *out, const char *field,
			     const char *name, const char *address)
{
	size_t col = strlen(field) + 2;
	buf_printf(out, "%s: ", field);
	if (name[0]) {
		int atoms = 1;
		for (const char *p = name; *p; p++)
			if (!smtp_is_atext((unsigned char)*p) &&
			    !(*p == ' ' && p > name && p[1] && p[1] != ' '))
				atoms = 0;
		size_t before = out->len;
		if (smtp_plain(name, SMTP_PLAIN_MAX) && atoms) {
			buf_puts(out, name);
			col += out->len - before;
		} else if (smtp_plain(name, SMTP_PLAIN_MAX)) {
			buf_putc(out, '"');
			for (const char *p = name; *p; p++) {
				if (*p == '"' || *p == '\\')
					buf_putc(out, '\\');
				buf_putc(out, *p);
			}
			buf_putc(out, '"');
			col += out->len - before;
		} else {
			smtp_put_encoded(out, &col, name, strlen(name));
		}
		if (col + 3 + strlen(address) > SMTP_LINE_SOFT)
			buf_puts(out, "\r\n");
		buf_printf(out, " <%s>", address);
	} else {
		buf_puts(out, address);
	}
	buf_puts(out, "\r\n");
}

/* "Subject: ...": as is when plain, folded at spaces; else encoded. */
static void smtp_put_subject(struct buf *out, const char *subject)
{
	size_t n = strlen(subject);
	buf_puts(out, "Subject:");
	if (!n) {
		buf_puts(out, "\r\n");
		return;
	}
	int plain = smtp_plain(subject, (size_t)-1);
	for (size_t i = 0, word = 0; plain && i <= n; i++) {
		if (i == n || subject[i] == ' ')
			word = 0;
		else if (++word > SMTP_PLAIN_MAX)
			plain = 0;
	}
	size_t col = 9;
	buf_putc(out, ' ');
	if (!plain) {
		smtp_put_encoded(out, &col, subject, n);
		buf_puts(out, "\r\n");
		return;
	}
	/* Words joined by their spaces; a space becomes a fold ("\r\n ")
	 * when the next word would pass the limit. */
	size_t i = 0;
	while (i < n) {
		const char *sp = memchr(subject + i, ' ', n - i);
		size_t len = sp ? (size_t)(sp - subject) - i : n - i;
		if (i > 0) {
			if (col + 1 + len > SMTP_LINE_SOFT && col > 1) {
				buf_puts(out, "\r\n");
				col = 0;
			}
			buf_putc(out, ' ');
			col++;
		}
		buf_append(out, subject + i, len);
		col += len;
		i += len + (sp ? 1 : 0);
		if (sp && i == n) { /* a space at the very end */
			buf_putc(out, ' ');
			col++;
		}
	}
	buf_puts(out, "\r\n");
}

/* Append the text s[0..n) (UTF-8 repaired, line ends LF) as
 * quoted-printable with CRLF line ends, ending with a line end. */
static void smtp_put_qp(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			buf_append(out, "\r\n", 2);
			col = 0;
			continue;
		}
		int at_end = i + 1 == n || s[i + 1] == '\n';
		int literal = (c >= 33 && c <= 126 && c != '=') ||
			      ((c == ' ' || c == '\t') && !at_end);
		size_t len = literal ? 1 : 3;
		/* Room for the soft break's '=' is kept on every line. */
		if (col + len > SMTP_QP_LINE - 1) {
			buf_append(out, "=\r\n", 3);
			col = 0;
		}
		/* A '.' starting a line is encoded, so that no transport
		 * ever has to dot-stuff or may take it for the end. */
		if (c == '.' && col == 0)
			literal = 0;
		if (literal) {
			buf_putc(out, (char)c);
			col++;
		} else {
			char q[3] = { '=', hex[c >> 4], hex[c & 15] };
			buf_append(out, q, 3);
			col += 3;
		}
	}
	if (n == 0 || s[n - 1] != '\n')
		buf_append(out, "\r\n", 2);
}

/* The part headers and body of one text part. */
static void smtp_put_part(struct buf *out, const char *type, struct buf *text,
			  const char *raw)
{
	smtp_repair(text, raw, 1);
	buf_printf(out, "Content-Type: %s; charset=UTF-8\r\n"
		   "Content-Transfer-Encoding: quoted-printable\r\n\r\n", type);
	smtp_put_qp(out, text->data, text->len);
}

/* Is s "<left@right>" of printable ASCII without spaces or other angle
 * brackets, at most SMTP_HEADER_MAX octets? */
static int smtp_message_id_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 5 || n > SMTP_HEADER_MAX || s[0] != '<' || s[n - 1] != '>')
		return 0;
	const char *at = strchr(s, '@');
	if (!at || at == s + 1 || at == s + n - 2 || strchr(at + 1, '@'))
		return 0;
	for (size_t i = 1; i + 1 < n; i++)
		if (s[i] <= 0x20 || s[i] >= 0x7F || s[i] == '<' || s[i] == '>')
			return 0;
	return 1;
}

int smtp_format(struct buf *out, const struct smtp_config *c,
		const struct mail *m, const char *date_rfc5322,
		const char *message_id, char *err, size_t errlen)
{
	struct buf msg = BUF_INIT, name = BUF_INIT, from = BUF_INIT,
		   text = BUF_INIT;
	int rc = -1;
	const char *subject = m->subject ? m->subject : "";

	if (err && errlen)
		err[0] = '\0';
	if (!c->from || smtp_check_header("from", c->from, err, errlen) < 0 ||
	    !m->to || smtp_check_header("to", m->to, err, errlen) < 0 ||
	    (m->to_name && smtp_check_header("to_name", m->to_name, err,
					     errlen) < 0) ||
	    smtp_check_header("subject", subject, err, errlen) < 0 ||
	    !date_rfc5322 ||
	    smtp_check_header("date", date_rfc5322, err, errlen) < 0 ||
	    !message_id ||
	    smtp_check_header("message_id", message_id, err, errlen) < 0) {
		if (err && errlen && !err[0])
			fail_message(err, errlen, "%s: missing", !c->from ? "from"
				  : !m->to ? "to" : !date_rfc5322 ? "date"
				  : "message_id");
		goto out;
	}
	if (smtp_parse_from(c->from, &name, &from) < 0) {
		fail_message(err, errlen, "from: not \"Name <address>\" with a "
			  "plausible address");
		goto out;
	}
	if (!smtp_address_ok(m->to, strlen(m->to))) {
		fail_message(err, errlen, "to: not a plausible address");
		goto out;
	}
	if (!date_rfc5322[0] || strlen(date_rfc5322) > SMTP_HEADER_MAX) {
		fail_message(err, errlen, "date: empty or too long");
		goto out;
	}
	if (!smtp_message_id_ok(message_id)) {
		fail_message(err, errlen, "message_id: not <left@right>");
		goto out;
	}

	buf_printf(&msg, "Date: %s\r\n", date_rfc5322);
	smtp_repair(&text, name.data, 0);
	smtp_put_mailbox(&msg, "From", text.data, from.data);
	smtp_repair(&text, m->to_name, 0);
	smtp_put_mailbox(&msg, "To", text.data, m->to);
	smtp_repair(&text, subject, 0);
	smtp_put_subject(&msg, text.data);
	buf_printf(&msg, "Message-ID: %s\r\nMIME-Version: 1.0\r\n", message_id);
	if (m->html) {
		buf_puts(&msg, "Content-Type: multipart/alternative; boundary=\""
			 SMTP_BOUNDARY "\"\r\n\r\n"
			 "--" SMTP_BOUNDARY "\r\n");
		smtp_put_part(&msg, "text/plain", &text, m->text);
		buf_puts(&msg, "--" SMTP_BOUNDARY "\r\n");
		smtp_put_part(&msg, "text/html", &text, m->html);
		buf_puts(&msg, "--" SMTP_BOUNDARY "--\r\n");
	} else {
		smtp_put_part(&msg, "text/plain", &text, m->text);
	}
	buf_append(out, msg.data, msg.len);
	rc = 0;
out:
	buf_release(&msg);
	buf_release(&name);
	buf_release(&from);
	buf_release(&text);
	return rc;
}

/* ---- sending ---- */

/* Now as an RFC 5322 date in UTC. */
static void smtp_date_now(char *out, size_t size)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
					    "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
					      "May", "Jun", "Jul", "Aug",
					      "Sep", "Oct", "Nov", "Dec" };
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm))
		memset(&tm, 0, sizeof(tm)); /* cannot happen for now */
	snprintf(out, size, "%s, %02d %s %04d %02d:%02d:%02d +0000",
		 days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* A new "<time.random@domain>". */
static void smtp_message_id(const char *domain, struct buf *out)
{
	unsigned char r[12];
	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		/* No entropy source: unique enough for a Message-ID. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		unsigned long long v = (unsigned long long)ts.tv_nsec ^
				       (unsigned long long)getpid() << 32;
		for (size_t i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)(v >> (8 * (i % 8)) ^ i);
	}
	buf_printf(out, "<%lld.", (long long)time(NULL));
	for (size_t i = 0; i < sizeof(r); i++)
		buf_printf(out, "%02x", r[i]);
	buf_printf(out, "@%s>", domain);
}

struct smtp_upload {
	const char *data;
	size_t len, pos;
};

static size_t smtp_read(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct smtp_upload *u = arg;
	size_t room = size * nmemb, left = u->len - u->pos;
	size_t n = left < room ? left : room;
	memcpy(dst, u->data + u->pos, n);
	u->pos += n;
	return n;
}

int smtp_send(const struct smtp_config *c, const struct mail *m, char *err,
	      size_t errlen)
{
	struct buf msg = BUF_INIT, name = BUF_INIT, from = BUF_INIT,
		   id = BUF_INIT, envelope = BUF_INIT;
	struct curl_slist *rcpt = NULL;
	CURL *curl = NULL;
	char date[64], curl_err[CURL_ERROR_SIZE] = "";
	int rc = -1;

	if (err && errlen)
		err[0] = '\0';
	if (!c->url || (strncmp(c->url, "smtp://", 7) != 0 &&
			strncmp(c->url, "smtps://", 8) != 0)) {
		fail_message(err, errlen, "url: not smtp:// or smtps://");
		goto out;
	}
	/* The From address gives the envelope and the Message-ID's domain;
	 * smtp_format() checks it again, with everything else. */
	if (c->from && !strpbrk(c->from, "\r\n") &&
	    smtp_parse_from(c->from, &name, &from) == 0)
		smtp_message_id(strchr(from.data, '@') + 1, &id);
	else
		buf_puts(&id, "<invalid@invalid>");
	smtp_date_now(date, sizeof(date));
	if (smtp_format(&msg, c, m, date, id.data, err, errlen) < 0)
		goto out;

	curl = curl_easy_init();
	if (!curl) {
		fail_message(err, errlen, "curl: cannot start a transfer");
		goto out;
	}
	buf_printf(&envelope, "<%s>", m->to);
	rcpt = curl_slist_append(NULL, envelope.data);
	if (!rcpt) {
		fail_message(err, errlen, "out of memory");
		goto out;
	}
	buf_reset(&envelope);
	buf_printf(&envelope, "<%s>", from.data);
	struct smtp_upload upload = { msg.data, msg.len, 0 };
	long timeout = c->timeout_seconds > 0 ? c->timeout_seconds
					      : SMTP_DEFAULT_TIMEOUT;
	curl_easy_setopt(curl, CURLOPT_URL, c->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS,
			 (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, envelope.data);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_USE_SSL,
			 (long)(c->require_tls ? CURLUSESSL_ALL
					       : CURLUSESSL_NONE));
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_err);
	if (c->username)
		curl_easy_setopt(curl, CURLOPT_USERNAME, c->username);
	if (c->password)
		curl_easy_setopt(curl, CURLOPT_PASSWORD, c->password);
	CURLcode res = curl_easy_perform(curl);
	if (res != CURLE_OK) {
		fail_message(err, errlen, "smtp: %s%s%s", curl_easy_strerror(res),
			  curl_err[0] ? ": " : "", curl_err);
		goto out;
	}
	rc = 0;
out:
	if (curl)
		curl_easy_cleanup(curl);
	curl_slist_free_all(rcpt);
	buf_release(&msg);
	buf_release(&name);
	buf_release(&from);
	buf_release(&id);
	buf_release(&envelope);
	return rc;
}

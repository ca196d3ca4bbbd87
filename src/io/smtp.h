/*
 * smtp.h - sending one email through an SMTP server, with libcurl.
 *
 * smtp_format() makes the message (RFC 5322 + MIME) and is pure: it is
 * where the checks are, so that a bad header never reaches a server.
 * smtp_send() formats with the current date and a fresh Message-ID, then
 * hands the message to the server with one curl_easy transfer (one
 * connection per mail: a digest is a few mails a day).
 *
 * What a message looks like:
 *   - headers Date, From, To, Subject, Message-ID, MIME-Version; a display
 *     name or a subject that is not plain printable ASCII is written as
 *     RFC 2047 encoded-words (=?UTF-8?B?...?=, at most 39 octets of UTF-8
 *     each, never cutting a character), a long ASCII subject is folded at
 *     its spaces;
 *   - the body is text/plain; charset=UTF-8 in quoted-printable (French
 *     stays mostly readable), or, when html is set, multipart/alternative
 *     with the text part first and the HTML part second, both
 *     quoted-printable;
 *   - UTF-8 is repaired byte by byte (U+FFFD) in the subject, the names and
 *     the bodies; line ends in the bodies are made CRLF;
 *   - every line ends in CRLF and holds at most 78 octets, but for the
 *     Date and Message-ID given and the addresses (998 at most, always).
 *
 * Refused (-1 with a message naming the field, nothing sent): a CR or LF
 * in any header value (header injection), another control character in
 * one, an address that is not plausible (one local@domain in ASCII, local
 * part of atext and dots, domain of LDH labels, "localhost" included; no
 * name, comment, list or address literal), a Message-ID not shaped
 * "<left@right>".
 *
 * curl_global_init() is not thread-safe: smtp_global_init() must run once
 * before threads start; smtp_send() is thread-safe afterwards.
 */
#ifndef PASSERELLE_SMTP_H
#define PASSERELLE_SMTP_H

#include <stddef.h>

#include "base/buf.h"

struct smtp_config {
	const char *url;      /* "smtp://host:port" or "smtps://host:port" */
	const char *username, *password; /* NULL for none */
	const char *from;     /* "Passerelle <passerelle@example.org>" */
	int require_tls;      /* STARTTLS required (CURLUSESSL_ALL) when set; else CURLUSESSL_TRY is NOT used either: none */
	long timeout_seconds; /* whole transfer; 0 means 30 */
};

struct mail {
	const char *to;       /* one address */
	const char *to_name;  /* may be NULL */
	const char *subject;  /* UTF-8 */
	const char *text;     /* UTF-8 plain text body */
	const char *html;     /* NULL, or an HTML alternative (multipart/alternative) */
};

/* curl_global_init() for the whole program; 0, or -1 with a message on
 * stderr.  Call once before threads start. */
int smtp_global_init(void);
/* curl_global_cleanup(); once, after the last smtp_send(). */
void smtp_global_cleanup(void);

/*
 * Format the whole message (RFC 5322 + MIME: Date, From, To, Subject as
 * RFC 2047 encoded-word when not ASCII, Message-ID, MIME-Version,
 * Content-Type text/plain; charset=UTF-8 with Content-Transfer-Encoding
 * quoted-printable or base64, multipart/alternative when html is set;
 * lines CRLF <= 998 octets).  -1 with a message when a header value
 * contains CR or LF or an address is not plausible (header injection).
 *
 * The message is appended to out (as it goes on the wire, before SMTP's
 * dot-stuffing, which curl does); on failure out is left as it was.
 * c->from is "Name <address>", "\"Name\" <address>" or "address";
 * date_rfc5322 is written as given ("Tue, 01 Jul 2025 10:00:00 +0000");
 * message_id is "<left@right>".  m->subject, m->text may be NULL (empty).
 * err may be NULL; it is "" after a success.
 */
int smtp_format(struct buf *out, const struct smtp_config *c,
		const struct mail *m, const char *date_rfc5322,
		const char *message_id, char *err, size_t errlen);

/*
 * Send it (curl_easy with CURLOPT_MAIL_FROM, CURLOPT_MAIL_RCPT,
 * CURLOPT_READFUNCTION/UPLOAD).  0, or -1 with curl's message.
 * curl_global_init must have been called by the program: provide
 * smtp_global_init() / smtp_global_cleanup().
 *
 * The message is formatted (and checked) first, with the current date in
 * UTC and a random Message-ID at the domain of the From address: a
 * refused mail never opens a connection.  c->url must be smtp:// or
 * smtps:// (curl is allowed no other protocol); the envelope is the From
 * address and m->to.  With c->require_tls, an smtp:// server that does not
 * offer STARTTLS is refused; without, the mail goes in clear (and so do
 * the username and password, when given, over smtp://).  The transfer
 * stops after c->timeout_seconds (30 when 0), connection included.
 */
int smtp_send(const struct smtp_config *c, const struct mail *m, char *err,
	      size_t errlen);

#endif

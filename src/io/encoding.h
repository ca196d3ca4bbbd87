/*
 * encoding.h - the text encodings CSV files come in, and their conversion
 * to UTF-8.
 *
 * Spreadsheet programs write CSV in one of four ways: UTF-8, UTF-8 with a
 * byte-order mark (Excel's "CSV UTF-8"), Windows-1252 (French Excel's
 * plain "CSV", and most Windows programs) or ISO-8859-1 (older Unix and Mac
 * tools).  Everything past the reader works on UTF-8, so an imported file
 * is detected (or told), then converted once, whole, before csv.h reads it.
 *
 * Detection cannot be certain, but it is reliable in practice: French text
 * in Windows-1252 or ISO-8859-1 is almost never valid UTF-8 (an accented
 * letter is one byte there, and one byte >= 0x80 alone is never UTF-8),
 * and the two single-byte encodings agree everywhere but 0x80-0x9F, which
 * ISO-8859-1 gives to control characters no one types and Windows-1252 to
 * the euro sign, the curly quotes, "œ" and "Œ".
 *
 * A file holding a NUL byte is refused whatever its encoding: it is a
 * binary file (or UTF-16, which spreadsheets write only on request), not a
 * CSV.  Errors name the byte (0-based offset from the start of the data
 * as given, byte-order mark included) and the line (1-based; a line ends
 * with LF, CRLF or a lone CR, as in csv.h).
 *
 * The functions keep no state and are safe to call from any thread.
 */
#ifndef PASSERELLE_ENCODING_H
#define PASSERELLE_ENCODING_H

#include <stddef.h>

enum text_encoding {
	ENC_UTF8,         /* UTF-8 without byte-order mark */
	ENC_UTF8_BOM,     /* UTF-8 starting with EF BB BF */
	ENC_WINDOWS_1252, /* Windows "ANSI" for Western Europe */
	ENC_ISO_8859_1,   /* Latin-1: byte n is U+00nn */
};

/*
 * Guess the encoding of data[0..len): a UTF-8 byte-order mark gives
 * ENC_UTF8_BOM (whatever follows); otherwise valid UTF-8 gives ENC_UTF8
 * (so does pure ASCII, and so does an empty input); otherwise a byte in
 * 0x80-0x9F gives ENC_WINDOWS_1252; otherwise ENC_ISO_8859_1.  NUL bytes
 * are not looked at: encoding_to_utf8() refuses them.
 */
enum text_encoding encoding_detect(const char *data, size_t len);

/*
 * The encoding's name for people: "UTF-8", "UTF-8 (BOM)", "Windows-1252"
 * or "ISO-8859-1".  Never NULL ("?" for a value outside the enum); static.
 */
const char *encoding_name(enum text_encoding e);

/*
 * The encoding called `name`, case-insensitively: the names
 * encoding_name() gives, and "utf8", "utf-8-bom", "cp1252",
 * "windows1252", "latin1", "latin-1", "iso8859-1".  Returns 0 and sets
 * *out, or -1 (*out untouched) for an unknown name or NULL.
 */
int encoding_parse(const char *name, enum text_encoding *out);

/*
 * Convert data[0..len), in encoding `from`, to UTF-8 without byte-order
 * mark.  On success returns 0, *out is a malloc'd NUL-terminated buffer
 * the caller frees and *out_len its length in bytes (the NUL not counted).
 * A byte-order mark at the start is dropped, for ENC_UTF8 as for
 * ENC_UTF8_BOM.
 *
 * Returns -1, *out NULL and *out_len 0, with an English message in
 * err[0..errlen) (when err is not NULL), when the input has:
 *   - a NUL byte: "NUL byte at byte 12 (line 2): a binary file is not a
 *     CSV file";
 *   - for ENC_UTF8 / ENC_UTF8_BOM, an ill-formed sequence (overlongs,
 *     surrogates and code points over U+10FFFF included): "invalid UTF-8
 *     at byte 57 (line 3)";
 *   - for ENC_WINDOWS_1252, one of the five bytes it leaves undefined
 *     (0x81, 0x8D, 0x8F, 0x90, 0x9D): "byte 0x81 at byte 4 (line 1) is not
 *     a Windows-1252 character";
 *   - or when memory is short.
 * ISO-8859-1 maps every byte, 0x80-0x9F to the C1 control characters.
 * data may be NULL when len is 0.
 */
int encoding_to_utf8(const char *data, size_t len, enum text_encoding from,
		     char **out, size_t *out_len, char *err, size_t errlen);

#endif

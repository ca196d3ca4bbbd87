/* encoding.c - see encoding.h. */
#include "io/encoding.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"

/*
 * Windows-1252 bytes 0x80-0x9F as Unicode code points; 0 for the five
 * bytes the code page leaves undefined.  0xA0-0xFF are Latin-1.
 */
static const uint16_t encoding_cp1252_high[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static const char encoding_bom[3] = { '\xEF', '\xBB', '\xBF' };

enum text_encoding encoding_detect(const char *data, size_t len)
{
	if (!data)
		return ENC_UTF8;
	if (len >= 3 && memcmp(data, encoding_bom, 3) == 0)
		return ENC_UTF8_BOM;
	if (text_utf8_valid(data, len, NULL))
		return ENC_UTF8;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c >= 0x80 && c <= 0x9F)
			return ENC_WINDOWS_1252;
	}
	return ENC_ISO_8859_1;
}

const char *encoding_name(enum text_encoding e)
{
	switch (e) {
	case ENC_UTF8:
		return "UTF-8";
	case ENC_UTF8_BOM:
		return "UTF-8 (BOM)";
	case ENC_WINDOWS_1252:
		return "Windows-1252";
	case ENC_ISO_8859_1:
		return "ISO-8859-1";
	}
	return "?";
}

int encoding_parse(const char *name, enum text_encoding *out)
{
	static const struct {
		const char *name;
		enum text_encoding encoding;
	} names[] = {
		{ "UTF-8", ENC_UTF8 },
		{ "utf8", ENC_UTF8 },
		{ "UTF-8 (BOM)", ENC_UTF8_BOM },
		{ "utf-8-bom", ENC_UTF8_BOM },
		{ "Windows-1252", ENC_WINDOWS_1252 },
		{ "windows1252", ENC_WINDOWS_1252 },
		{ "cp1252", ENC_WINDOWS_1252 },
		{ "ISO-8859-1", ENC_ISO_8859_1 },
		{ "iso8859-1", ENC_ISO_8859_1 },
		{ "latin1", ENC_ISO_8859_1 },
		{ "latin-1", ENC_ISO_8859_1 },
	};
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].encoding;
			return 0;
		}
	}
	return -1;
}

/* The 1-based line of data[offset], line ends as in csv.h. */
static size_t encoding_line_of(const char *data, size_t offset)
{
	size_t line = 1;
	for (size_t i = 0; i < offset; i++) {
		if (data[i] == '\n')
			line++;
		else if (data[i] == '\r' && data[i + 1] != '\n')
			line++;
	}
	return line;
}

/* Write the code point c (< 0x10000) as UTF-8 at p; returns the bytes. */
static size_t encoding_put_utf8(char *p, unsigned c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xC0 | (c >> 6));
		p[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	p[0] = (char)(0xE0 | (c >> 12));
	p[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	p[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

/* The code point of byte c in a single-byte encoding; 0 if undefined. */
static unsigned encoding_code_point(unsigned char c, enum text_encoding from)
{
	if (from == ENC_WINDOWS_1252 && c >= 0x80 && c <= 0x9F)
		return encoding_cp1252_high[c - 0x80];
	return c;
}

int encoding_to_utf8(const char *data, size_t len, enum text_encoding from,
		     char **out, size_t *out_len, char *err, size_t errlen)
{
	char *text = NULL;
	size_t size = 0;

	*out = NULL;
	*out_len = 0;
	if (!data)
		len = 0;

	const char *nul = len ? memchr(data, '\0', len) : NULL;
	if (nul) {
		size_t at = (size_t)(nul - data);
		if (err)
			snprintf(err, errlen, "NUL byte at byte %zu (line "
				 "%zu): a binary file is not a CSV file", at,
				 encoding_line_of(data, at));
		return -1;
	}

	size_t skip = 0;
	if (len >= 3 && memcmp(data, encoding_bom, 3) == 0 &&
	    (from == ENC_UTF8 || from == ENC_UTF8_BOM))
		skip = 3;

	if (from == ENC_UTF8 || from == ENC_UTF8_BOM) {
		size_t bad;
		if (!text_utf8_valid(data + skip, len - skip, &bad)) {
			bad += skip;
			if (err)
				snprintf(err, errlen, "invalid UTF-8 at byte "
					 "%zu (line %zu)", bad,
					 encoding_line_of(data, bad));
			return -1;
		}
		size = len - skip;
		text = malloc(size + 1);
		if (!text)
			goto nomem;
		if (size)
			memcpy(text, data + skip, size);
		text[size] = '\0';
		goto done;
	}
	if (from != ENC_WINDOWS_1252 && from != ENC_ISO_8859_1) {
		if (err)
			snprintf(err, errlen, "unknown encoding %d", (int)from);
		return -1;
	}

	/* Single-byte encodings: measure, then write. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		unsigned cp = encoding_code_point(c, from);
		if (cp == 0) {
			if (err)
				snprintf(err, errlen, "byte 0x%02X at byte %zu "
					 "(line %zu) is not a Windows-1252 "
					 "character", c, i,
					 encoding_line_of(data, i));
			return -1;
		}
		size += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
	}
	text = malloc(size + 1);
	if (!text)
		goto nomem;
	char *p = text;
	for (size_t i = 0; i < len; i++)
		p += encoding_put_utf8(p, encoding_code_point(
					       (unsigned char)data[i], from));
	*p = '\0';

done:
	*out = text;
	*out_len = size;
	return 0;

nomem:
	if (err)
		snprintf(err, errlen, "out of memory converting %zu bytes",
			 len);
	return -1;
}

/* check.c - see check.h. */
#include "model/check.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

int check_luhn(const char *digits, size_t len)
{
	int sum = 0;
	for (size_t i = 0; i < len; i++) {
		char c = digits[len - 1 - i];
		if (c < '0' || c > '9')
			return 0;
		int d = c - '0';
		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

int check_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == ';' || *p == 0x7f)
			return 0;
	const char *domain = at + 1;
	const char *dot = strrchr(domain, '.');
	if (!dot || dot == domain || dot[1] == '\0' || strstr(domain, ".."))
		return 0;
	return domain[0] != '.' && domain[0] != '-';
}

int check_url(const char *s)
{
	const char *host;
	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return 0;
	size_t hostlen = strcspn(host, "/?#");
	if (hostlen == 0)
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\' || *p == 0x7f)
			return 0;
	for (size_t i = 0; i < hostlen; i++) {
		unsigned char c = (unsigned char)host[i];
		if (!(isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c >= 0x80))
			return 0;
	}
	return 1;
}

int check_phone(const char *s)
{
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '+' && p == s)
			continue;
		else if (!strchr(" .-()/", *p))
			return 0;
	}
	return digits >= 4 && digits <= 20;
}

int check_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1000 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int max = days[m - 1] + (m == 2 && leap);
	return d <= max;
}

int check_rna(const char *s)
{
	if (strlen(s) != 10 || s[0] != 'W')
		return 0;
	for (int i = 1; i < 10; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return 1;
}

void check_coordinates(const struct record *r, const char *lat, const char *lon, struct field_errors *errors)
{
	const char *a = record_get_by_name(r, lat), *b = record_get_by_name(r, lon);
	if (a && !b)
		field_errors_add(errors, lon, N_("Give both coordinates or neither."), NULL);
	else if (b && !a)
		field_errors_add(errors, lat, N_("Give both coordinates or neither."), NULL);
}

int check_datetime(const char *s)
{
	if (strlen(s) != 16 || s[10] != 'T' || s[13] != ':')
		return 0;
	char date[11];
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!check_date(date) || !isdigit((unsigned char)s[11]) || !isdigit((unsigned char)s[12]) ||
	    !isdigit((unsigned char)s[14]) || !isdigit((unsigned char)s[15]))
		return 0;
	int h = (s[11] - '0') * 10 + (s[12] - '0'), m = (s[14] - '0') * 10 + (s[15] - '0');
	return h < 24 && m < 60;
}

void check_date_order(const struct record *r, const char *start, const char *end, struct field_errors *errors)
{
	const char *a = record_get_by_name(r, start), *b = record_get_by_name(r, end);
	if (a && b && strcmp(b, a) < 0)
		field_errors_add(errors, end, N_("The end date is before the start date."), b);
}

void check_siret_matches_siren(const struct record *r, struct field_errors *errors)
{
	const char *siren = record_get_by_name(r, "siren"), *siret = record_get_by_name(r, "siret");
	if (siren && siret && strlen(siret) >= 9 && strncmp(siren, siret, 9) != 0)
		field_errors_add(errors, "siret", N_("The SIRET does not begin with the SIREN."), siret);
}

void check_partner_organization(const struct record *r, struct field_errors *errors)
{
	const char *role = record_get_by_name(r, "role");
	if (role && strcmp(role, "partner") == 0 && !record_get_by_name(r, "organization"))
		field_errors_add(errors, "organization", N_("A partner account belongs to an organisation: choose it."), NULL);
}

const char *check_bool(const char *s)
{
	static const char *yes[] = {"true", "1", "yes", "oui", "si", "sí", "on", "y", "o"};
	static const char *no[] = {"false", "0", "no", "non", "off", "n"};
	for (size_t i = 0; s && i < sizeof(yes) / sizeof(*yes); i++)
		if (strcasecmp(s, yes[i]) == 0)
			return "true";
	for (size_t i = 0; s && i < sizeof(no) / sizeof(*no); i++)
		if (strcasecmp(s, no[i]) == 0)
			return "false";
	return NULL;
}

int check_has_bidi_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE)
			return 1;
		else if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
			return 1;
	return 0;
}

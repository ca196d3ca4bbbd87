/*
 * person.c - the declaration of a person: every field but the visibility is
 * personal data, and the legal basis for keeping it is recorded with its
 * date (GDPR, article 6).
 */
#include "model/model.h"
#include "model/record.h"
#include "model/check.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value spoken[] = {
	{"fr", N_("French"), NULL},
	{"en", N_("English"), NULL},
	{"es", N_("Spanish"), NULL},
	{"nl", N_("Dutch"), NULL},
	{"pt", N_("Portuguese"), NULL},
	{"ht", N_("Haitian Creole"), NULL},
	{"pap", N_("Papiamento"), NULL},
	{"de", N_("German"), NULL},
	{"it", N_("Italian"), NULL},
	{"ar", N_("Arabic"), NULL},
	{"zh", N_("Chinese"), NULL},
	{"uk", N_("Ukrainian"), NULL},
};
static const struct enum_def spoken_enum = {"spoken_language", spoken, COUNT(spoken)};

static const struct enum_value bases[] = {
	{"consent", N_("Consent"), NULL},
	{"legitimate_interest", N_("Legitimate interest"), NULL},
};
static const struct enum_def basis_enum = {"legal_basis", bases, COUNT(bases)};

static const struct field fields[] = {
	{"given_name", FT_TEXT, N_("Given name"), NULL, F_NAME | F_PERSONAL | F_PUBLIC | F_LIST | F_TITLE, 100, 0, 0, NULL, NULL, NULL, "prenom|first name|given name|nombre"},
	{"family_name", FT_TEXT, N_("Family name"), NULL, F_REQUIRED | F_NAME | F_PERSONAL | F_PUBLIC | F_LIST | F_TITLE, 100, 0, 0, NULL, NULL, NULL, "nom|nom de famille|last name|family name|surname|apellido|apellidos"},
	{"languages", FT_ENUM, N_("Languages spoken"), NULL, F_MULTI | F_PERSONAL | F_PUBLIC | F_FILTER, 0, 0, 12, &spoken_enum, NULL, NULL, "langues|langue|languages|idiomas"},
	{"emails", FT_EMAIL, N_("Emails"), N_("One per line."), F_MULTI | F_PERSONAL | F_SEARCH | F_LIST, 254, 0, 10, NULL, NULL, N_("Contact"), "email|e mail|courriel|mail|correo|correo electronico"},
	{"phones", FT_PHONE, N_("Phones"), N_("One per line."), F_MULTI | F_PERSONAL, 40, 0, 10, NULL, NULL, N_("Contact"), "telephone|tel|mobile|portable|phone|telefono|celular"},
	{"notes", FT_LONGTEXT, N_("Notes"), NULL, F_PERSONAL | F_SEARCH, 10000, 0, 0, NULL, NULL, NULL, "notes|remarques|commentaires|comments|notas|observaciones"},
	{"legal_basis", FT_ENUM, N_("Legal basis for keeping these data"), NULL, F_REQUIRED, 0, 0, 0, &basis_enum, NULL, N_("Personal data"), "base legale|legal basis|base juridica"},
	{"legal_basis_date", FT_DATE, N_("Since"), N_("Date consent was given or the interest assessed."), F_REQUIRED, 0, 0, 0, NULL, NULL, N_("Personal data"), "date du consentement|consent date|fecha"},
	MODEL_VISIBILITY_FIELDS,
};

const struct kind model_person = {
	.name = "person",
	.plural = "people",
	.label = N_("Person"),
	.label_plural = N_("People"),
	.fields = fields,
	.nfields = COUNT(fields),
	.index = 1,
	.searchable = 1,
	.has_visibility = 1,
	.check = NULL,
};

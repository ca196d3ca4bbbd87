/*
 * document.c - the declaration of a document of the register: a letter,
 * invitation, report or agreement received from or sent to a regional
 * organisation (OECS, ACS, CARICOM, ECLAC...) or any partner, with its
 * reference, date, direction, sender and recipient, language, the
 * deadline to answer it and the records it concerns.  Its files are
 * attachments (store/attachments.c); its internal transmission to
 * colleagues is recorded by store/transmissions.c.
 */
#include "model/model.h"
#include "model/record.h"
#include "model/check.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value directions[] = {
	{"received", N_("Received"), NULL},
	{"sent", N_("Sent"), NULL},
};
static const struct enum_def direction_enum = {"direction", directions, COUNT(directions)};

static const struct enum_value document_types[] = {
	{"letter", N_("Letter"), NULL},
	{"invitation", N_("Invitation"), NULL},
	{"report", N_("Report"), NULL},
	{"agreement", N_("Agreement"), NULL},
	{"resolution", N_("Resolution or declaration"), NULL},
	{"contribution", N_("Contribution"), NULL},
	{"other", N_("Other"), NULL},
};
static const struct enum_def document_type_enum = {"document_type", document_types, COUNT(document_types)};

static const struct field fields[] = {
	{"subject", FT_TEXT, N_("Subject"), NULL, F_REQUIRED | F_TITLE | F_NAME | F_LIST | F_PUBLIC, 300, 0, 0, NULL, NULL, NULL, "objet|sujet|subject|asunto"},
	{"reference", FT_TEXT, N_("Reference"), N_("As written on the document: OECS/DG/2026/014."), F_NAME | F_LIST | F_PUBLIC, 120, 0, 0, NULL, NULL, NULL, "reference|ref|n°|numero|referencia"},
	{"date", FT_DATE, N_("Date"), NULL, F_REQUIRED | F_LIST | F_PUBLIC, 0, 0, 0, NULL, NULL, NULL, "date|fecha"},
	{"direction", FT_ENUM, N_("Direction"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, &direction_enum, NULL, NULL, "sens|direction|direccion"},
	{"document_type", FT_ENUM, N_("Kind of document"), NULL, F_FILTER | F_PUBLIC, 0, 0, 0, &document_type_enum, NULL, NULL, "type|tipo"},
	{"sender_organization", FT_REF, N_("Sender (organisation)"), NULL, F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, NULL, "organization", N_("From and to"), "expediteur|sender|remitente"},
	{"sender_person", FT_REF, N_("Sender (person)"), NULL, F_FILTER, 0, 0, 0, NULL, "person", N_("From and to"), NULL},
	{"recipient_organization", FT_REF, N_("Recipient (organisation)"), NULL, F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, NULL, "organization", N_("From and to"), "destinataire|recipient|destinatario"},
	{"recipient_person", FT_REF, N_("Recipient (person)"), NULL, F_FILTER, 0, 0, 0, NULL, "person", N_("From and to"), NULL},
	{"language", FT_ENUM, N_("Language"), NULL, F_FILTER | F_PUBLIC, 0, 0, 0, &model_value_languages, NULL, NULL, "langue|language|idioma"},
	{"answer_due", FT_DATE, N_("Answer due"), N_("The deadline to answer, when one is expected."), F_LIST, 0, 0, 0, NULL, NULL, N_("Answer"), "echeance|reponse attendue|answer due"},
	{"answered_on", FT_DATE, N_("Answered on"), NULL, 0, 0, 0, 0, NULL, NULL, N_("Answer"), NULL},
	{"summary", FT_LONGTEXT, N_("Summary"), NULL, F_SEARCH, 10000, 0, 0, NULL, NULL, NULL, "resume|summary|resumen"},
	{"organizations", FT_REF, N_("Other organisations concerned"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 50, NULL, "organization", N_("What it concerns"), NULL},
	{"people", FT_REF, N_("People concerned"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 50, NULL, "person", N_("What it concerns"), NULL},
	{"interaction", FT_REF, N_("Meeting"), NULL, F_FILTER, 0, 0, 0, NULL, "interaction", N_("What it concerns"), NULL},
	{"working_group", FT_REF, N_("Working group"), NULL, F_FILTER, 0, 0, 0, NULL, "working_group", N_("What it concerns"), NULL},
	{"roadmap_actions", FT_REF, N_("Roadmap actions"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 20, NULL, "roadmap_action", N_("What it concerns"), NULL},
	MODEL_VISIBILITY_FIELDS,
};

static void document_check(const struct record *r, struct field_errors *errors)
{
	check_date_order(r, "date", "answer_due", errors);
	check_date_order(r, "date", "answered_on", errors);
}

const struct kind model_document = {
	.name = "document",
	.plural = "documents",
	.label = N_("Document"),
	.label_plural = N_("Register of documents"),
	.fields = fields,
	.nfields = COUNT(fields),
	.index = 9,
	.searchable = 1,
	.has_visibility = 1,
	.check = document_check,
	.timeline_date = "date",
};

/*
 * organization.c - the declaration of an organisation: collectivities,
 * State services, regional organisations, associations, cooperatives, ESS
 * enterprises, companies, universities, funders...
 */
#include "model/model.h"
#include "model/record.h"
#include "model/check.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value org_kinds[] = {
	{"local_authority", N_("Local authority"), NULL},
	{"state_service", N_("State service"), NULL},
	{"regional_org", N_("Regional or international organisation"), NULL},
	{"association", N_("Association"), NULL},
	{"cooperative", N_("Cooperative"), NULL},
	{"mutual", N_("Mutual"), NULL},
	{"foundation", N_("Foundation"), NULL},
	{"ess_enterprise", N_("ESS enterprise"), NULL},
	{"company", N_("Company"), NULL},
	{"university", N_("University or school"), NULL},
	{"hospital", N_("Hospital"), NULL},
	{"incubator", N_("Incubator"), NULL},
	{"network", N_("Network"), NULL},
	{"funder", N_("Funder"), NULL},
	{"other", N_("Other"), NULL},
};
static const struct enum_def org_kind_enum = {"organization_kind", org_kinds, COUNT(org_kinds)};

static const struct field fields[] = {
	{"name", FT_TEXT, N_("Name"), NULL, F_REQUIRED | F_NAME | F_PUBLIC | F_LIST | F_TITLE, 200, 0, 0, NULL, NULL, NULL, "nom|raison sociale|denomination|nom de la structure|structure|organisation|organization|name|nombre|razon social|entidad"},
	{"names", FT_TEXT, N_("Other names and acronyms"), N_("In any language: acronyms (OECO, OECS) and translated names."),
	 F_MULTI | F_LANG | F_ACRONYM | F_NAME | F_PUBLIC, 200, 0, 30, NULL, NULL, NULL, "sigle|acronyme|acronym|siglas|sigla|autres noms|other names"},
	{"kind", FT_ENUM, N_("Kind"), NULL, F_REQUIRED | F_PUBLIC | F_LIST | F_FILTER, 0, 0, 0, &org_kind_enum, NULL, NULL, "type|categorie|type de structure|kind|category|tipo|categoria"},
	{"legal_form", FT_TEXT, N_("Legal form"), NULL, F_PUBLIC, 120, 0, 0, NULL, NULL, NULL, "forme juridique|statut juridique|statut|legal form|forma juridica"},
	{"ess", FT_BOOL, N_("Member of the social and solidarity economy"), NULL, F_PUBLIC | F_FILTER, 0, 0, 0, NULL, NULL, NULL, "ess|economie sociale et solidaire|social economy|economia social"},
	{"territory", FT_CODE, N_("Territory"), N_("Country, territory or French region. Saint-Martin (MF) and Sint Maarten (SX) are two territories."),
	 F_PUBLIC | F_LIST | F_FILTER, 0, 0, 0, NULL, "territory", N_("Where"), "pays|territoire|region|country|territory|pais|territorio"},
	{"address", FT_TEXT, N_("Address"), NULL, F_PUBLIC | F_SEARCH, 300, 0, 0, NULL, NULL, N_("Where"), "adresse|adresse postale|address|direccion"},
	{"latitude", FT_REAL, N_("Latitude"), N_("Decimal degrees, from -90 to 90."), F_PUBLIC, 0, -90, 90, NULL, NULL, N_("Where"), "latitude|lat|latitud"},
	{"longitude", FT_REAL, N_("Longitude"), N_("Decimal degrees, from -180 to 180."), F_PUBLIC, 0, -180, 180, NULL, NULL, N_("Where"), "longitude|lon|lng|long|longitud"},
	{"website", FT_URL, N_("Website"), NULL, F_PUBLIC, 500, 0, 0, NULL, NULL, N_("Contact"), "site|site web|site internet|website|web|url|sitio web|pagina web"},
	{"email", FT_EMAIL, N_("Email"), NULL, F_PUBLIC, 254, 0, 0, NULL, NULL, N_("Contact"), "email|e mail|courriel|mail|adresse electronique|correo|correo electronico"},
	{"phone", FT_PHONE, N_("Phone"), NULL, F_PUBLIC, 40, 0, 0, NULL, NULL, N_("Contact"), "telephone|tel|phone|telefono"},
	{"siren", FT_SIREN, N_("SIREN"), N_("Nine digits, with its check digit."), F_PUBLIC | F_SEARCH, 0, 0, 0, NULL, NULL, N_("Identifiers"), "siren|n siren|numero siren"},
	{"siret", FT_SIRET, N_("SIRET"), N_("Fourteen digits, with its check digit."), F_PUBLIC | F_SEARCH, 0, 0, 0, NULL, NULL, N_("Identifiers"), "siret|n siret|numero siret"},
	{"rna", FT_RNA, N_("RNA number"), N_("Associations: W followed by nine characters."), F_PUBLIC | F_SEARCH, 0, 0, 0, NULL, NULL, N_("Identifiers"), "rna|numero rna|n rna"},
	{"other_registry", FT_TEXT, N_("Other registry"), N_("Name of the registry, e.g. Chamber of Commerce Sint Maarten."), F_PUBLIC, 120, 0, 0, NULL, NULL, N_("Identifiers"), "registre|other registry|registro"},
	{"other_id", FT_TEXT, N_("Number in that registry"), NULL, F_PUBLIC | F_SEARCH, 60, 0, 0, NULL, NULL, N_("Identifiers"), "numero d immatriculation|registration number|numero de registro"},
	{"sectors", FT_CODE, N_("Sectors"), N_("OECD DAC sector codes (IATI): code or name."), F_MULTI | F_PUBLIC | F_FILTER, 0, 0, 20, NULL, "sector", N_("Activity"), "secteur|secteurs|secteur dac|sector|sectors|sectores"},
	{"filieres", FT_TEXT, N_("Value chains"), N_("Free text, one per line."), F_MULTI | F_PUBLIC | F_SEARCH, 100, 0, 20, NULL, NULL, N_("Activity"), "filiere|filieres|value chain|value chains|cadena de valor|cadenas de valor"},
	{"sdgs", FT_CODE, N_("Sustainable Development Goals"), NULL, F_MULTI | F_PUBLIC | F_FILTER, 0, 0, 17, NULL, "sdg", N_("Activity"), "odd|sdg|sdgs|ods|objectifs de developpement durable"},
	{"tags", FT_TEXT, N_("Tags"), N_("One per line."), F_MULTI | F_PUBLIC | F_SEARCH | F_FILTER, 60, 0, 30, NULL, NULL, N_("Activity"), "mots cles|mot cle|tags|etiquettes|keywords|etiquetas|palabras clave"},
	{"description", FT_LONGTEXT, N_("Description"), NULL, F_MULTI | F_LANG | F_PUBLIC | F_SEARCH, 10000, 0, 4, NULL, NULL, NULL, "description|presentation|descripcion|activites|activities"},
	MODEL_VISIBILITY_FIELDS,
};

static void organization_check(const struct record *r, struct field_errors *errors)
{
	check_coordinates(r, "latitude", "longitude", errors);
	check_siret_matches_siren(r, errors);
}

const struct kind model_organization = {
	.name = "organization",
	.plural = "organizations",
	.label = N_("Organisation"),
	.label_plural = N_("Organisations"),
	.fields = fields,
	.nfields = COUNT(fields),
	.index = 0,
	.searchable = 1,
	.has_visibility = 1,
	.check = organization_check,
};

/*
 * roadmap.c - the declarations of the roadmap (feuille de route): its axes,
 * and the actions under each with an owner, a deadline, a status, a
 * progress and an indicator.  Interactions, notes, documents and
 * follow-ups name the actions they carry out.
 */
#include "model/model.h"
#include "model/record.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct field axis_fields[] = {
	{"number", FT_INT, N_("Number"), N_("Axes are shown in this order."), F_LIST | F_PUBLIC, 0, 1, 99, NULL, NULL, NULL, "numero|number|numero de l'axe"},
	{"name", FT_TEXT, N_("Name"), NULL, F_REQUIRED | F_TITLE | F_NAME | F_LIST | F_PUBLIC, 200, 0, 0, NULL, NULL, NULL, "axe|nom|name|eje"},
	{"description", FT_LONGTEXT, N_("Description"), NULL, F_SEARCH | F_PUBLIC, 5000, 0, 0, NULL, NULL, NULL, NULL},
	{"start_year", FT_INT, N_("From"), NULL, F_PUBLIC, 0, 2000, 2100, NULL, NULL, NULL, NULL},
	{"end_year", FT_INT, N_("Until"), NULL, F_PUBLIC, 0, 2000, 2100, NULL, NULL, NULL, NULL},
	MODEL_VISIBILITY_FIELDS,
};

const struct kind model_roadmap_axis = {
	.name = "roadmap_axis",
	.plural = "roadmap-axes",
	.label = N_("Roadmap axis"),
	.label_plural = N_("Roadmap axes"),
	.fields = axis_fields,
	.nfields = COUNT(axis_fields),
	.index = 11,
	.searchable = 1,
	.has_visibility = 1,
};

static const struct enum_value action_statuses[] = {
	{"planned", N_("Planned"), NULL},
	{"in_progress", N_("In progress"), NULL},
	{"done", N_("Done"), NULL},
	{"late", N_("Late"), NULL},
	{"abandoned", N_("Abandoned"), NULL},
};
const struct enum_def model_roadmap_status = {"roadmap_status", action_statuses, COUNT(action_statuses)};

static const struct field action_fields[] = {
	{"axis", FT_REF, N_("Axis"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, NULL, "roadmap_axis", NULL, "axe|axis|eje"},
	{"title", FT_TEXT, N_("Action"), NULL, F_REQUIRED | F_TITLE | F_NAME | F_LIST | F_PUBLIC, 300, 0, 0, NULL, NULL, NULL, "action|titre|title|accion"},
	{"owner", FT_REF, N_("Owner"), NULL, F_LIST | F_FILTER, 0, 0, 0, NULL, "account", NULL, "pilote|responsable|owner"},
	{"deadline", FT_DATE, N_("Deadline"), NULL, F_LIST | F_PUBLIC, 0, 0, 0, NULL, NULL, NULL, "echeance|deadline|plazo"},
	{"status", FT_ENUM, N_("Status"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, &model_roadmap_status, NULL, NULL, "statut|status|estado"},
	{"progress", FT_INT, N_("Progress (%)"), NULL, F_LIST | F_PUBLIC, 0, 0, 100, NULL, NULL, NULL, "avancement|progress|avance"},
	{"description", FT_LONGTEXT, N_("Description"), NULL, F_SEARCH | F_PUBLIC, 5000, 0, 0, NULL, NULL, NULL, NULL},
	{"indicator", FT_TEXT, N_("Indicator"), N_("What is measured: partners met, agreements signed..."), F_PUBLIC, 300, 0, 0, NULL, NULL, N_("Indicator"), "indicateur|indicator|indicador"},
	{"target", FT_REAL, N_("Target"), NULL, F_PUBLIC, 0, 0, 0, NULL, NULL, N_("Indicator"), "cible|target|meta"},
	{"achieved", FT_REAL, N_("Achieved"), NULL, F_PUBLIC, 0, 0, 0, NULL, NULL, N_("Indicator"), "realise|achieved|logrado"},
	{"working_group", FT_REF, N_("Working group"), NULL, F_FILTER, 0, 0, 0, NULL, "working_group", NULL, NULL},
	MODEL_VISIBILITY_FIELDS,
};

const struct kind model_roadmap_action = {
	.name = "roadmap_action",
	.plural = "roadmap-actions",
	.label = N_("Roadmap action"),
	.label_plural = N_("Roadmap actions"),
	.fields = action_fields,
	.nfields = COUNT(action_fields),
	.index = 12,
	.searchable = 1,
	.has_visibility = 1,
	.timeline_date = "deadline",
};

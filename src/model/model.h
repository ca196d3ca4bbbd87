/*
 * model.h - the declarations: every kind of record Passerelle keeps, said
 * once, as data.
 *
 * A kind lists its fields; a field says its type, its constraints, its
 * enumeration or reference, its translatable label (an English msgid), and
 * its flags: required, multi-valued, searchable, personal data, public.
 * Validation (store/validate.c), forms and pages (web/view_record.c), JSON
 * in and out (io/json_record.c), the API and its OpenAPI description
 * (web/api.c, web/openapi.c) and the search index (store/search.c) are
 * generic code that reads these declarations.  A new kind of record is a
 * new declaration file in src/model/ plus a line in model.c.
 *
 * Everything here is constant data: no function in this module has side
 * effects, and all of it may be read from any thread.
 */
#ifndef PASSERELLE_MODEL_H
#define PASSERELLE_MODEL_H

#include <stddef.h>

/* Marks a string literal as a msgid for extraction (xgettext -kN_). */
#define N_(s) s

enum field_type {
	FT_TEXT,     /* one line of text */
	FT_LONGTEXT, /* several lines */
	FT_INT,      /* integer within [min, max] */
	FT_REAL,     /* decimal number within [min, max] */
	FT_BOOL,     /* true / false */
	FT_DATE,     /* calendar date, YYYY-MM-DD */
	FT_ENUM,     /* one value of `enumeration` */
	FT_REF,      /* id of a record of kind `ref` */
	FT_CODE,     /* code of the reference table `ref` (territory, sector, sdg) */
	FT_EMAIL,
	FT_URL,      /* http or https only */
	FT_PHONE,
	FT_SIREN,    /* 9 digits, Luhn check digit */
	FT_SIRET,    /* 14 digits, Luhn check digit */
	FT_RNA,      /* W + 9 characters */
	FT_DATETIME, /* local wall-clock time YYYY-MM-DDTHH:MM (its zone is another field) */
	FT_MARKDOWN, /* several lines of Markdown under the policy of io/markdown.c */
};

enum field_flag {
	F_REQUIRED = 1 << 0,
	F_MULTI = 1 << 1,      /* a list of values (stored in record_value) */
	F_LANG = 1 << 2,       /* each value carries a language (fr, en, es, nl) */
	F_ACRONYM = 1 << 3,    /* each value says whether it is an acronym */
	F_NAME = 1 << 4,       /* indexed as a name: weighs most in search */
	F_SEARCH = 1 << 5,     /* indexed as body text */
	F_PERSONAL = 1 << 6,   /* personal data (GDPR) */
	F_PUBLIC = 1 << 7,     /* may be shown on public pages */
	F_LIST = 1 << 8,       /* a column of the list page */
	F_FILTER = 1 << 9,     /* offered as a filter on lists and the API */
	F_TITLE = 1 << 10,     /* part of the record's title */
	F_UNIQUE = 1 << 11,    /* no two records outside the bin share the value (case-insensitive) */
};

struct enum_value {
	const char *code;  /* stored and sent in JSON */
	const char *label; /* msgid */
	const char *inverse_label; /* msgid, for two-way relationships; or NULL */
};

struct enum_def {
	const char *name;
	const struct enum_value *values;
	size_t count;
};

struct field {
	const char *name;  /* column name and JSON key */
	enum field_type type;
	const char *label; /* msgid */
	const char *help;  /* msgid or NULL */
	unsigned flags;
	int max_len;       /* in characters, for text types; 0 = type default */
	double min, max;   /* for FT_INT, FT_REAL; and item counts for F_MULTI */
	const struct enum_def *enumeration; /* FT_ENUM */
	const char *ref;   /* FT_REF: kind name; FT_CODE: reference table */
	const char *group; /* msgid of the form section, or NULL */
	/* Column headings that mean this field in files people import, in
	 * French, English and Spanish, "|"-separated, compared folded. */
	const char *aliases;
};

struct record;
struct field_errors;
struct workflow; /* model/workflow.h */

/* A date of a record that may not fall before a date of a record it refers
 * to (a follow-up's due date and its meeting). */
struct date_bound {
	const char *field;     /* FT_DATE or FT_DATETIME of this kind */
	const char *ref_field; /* FT_REF of this kind */
	const char *ref_date;  /* FT_DATE or FT_DATETIME of the referred kind */
	const char *message;   /* msgid; "{}" is the referred date */
};

/* Who may do what with a kind is decided by its access class
 * (permission.c holds the table). */
enum access_class {
	ACCESS_DIRECTORY = 0, /* the shared memory: organisations, people... */
	ACCESS_ADMIN,         /* accounts and teams: administrators only */
};

struct kind {
	const char *name;         /* table name, singular: "organization" */
	const char *plural;       /* URL and API segment: "organizations" */
	const char *label;        /* msgid, singular */
	const char *label_plural; /* msgid */
	const struct field *fields;
	size_t nfields;
	int index;                /* position in model_kinds(), set by model.c */
	unsigned searchable : 1;  /* has entries in the search index */
	unsigned has_visibility : 1; /* has the MODEL_VISIBILITY_FIELDS */
	enum access_class access;
	/* Checks across fields (dates in order, both coordinates or none);
	 * adds messages to `errors`.  May be NULL. */
	void (*check)(const struct record *r, struct field_errors *errors);
	/* Its states and the actions that move it between them, enforced by
	 * the one workflow engine (store/workflow.c); NULL for none. */
	const struct workflow *workflow;
	/* The field dating it on the timelines of the records it refers to
	 * (an interaction's start, a document's date); NULL: not on them. */
	const char *timeline_date;
	const struct date_bound *bounds;
	size_t nbounds;
};

/* All kinds, in a stable order; *count receives their number. */
const struct kind *const *model_kinds(size_t *count);
/* The kind called `name` (singular) or `plural`, or NULL. */
const struct kind *model_kind(const char *name);
const struct kind *model_kind_by_plural(const char *plural);
/* Index of the field `name` in `k`, or -1. */
int model_field_index(const struct kind *k, const char *name);
const struct field *model_field(const struct kind *k, const char *name);
/* The field its lists are ordered by, newest first: the timeline date
 * when every record has one (meetings, notes, documents, follow-ups);
 * NULL: lists in alphabetical order of the title. */
const struct field *model_list_date(const struct kind *k);
/* Is field i set by the program alone (a workflow's state, and its
 * author: who may validate depends on it), never by forms or the API? */
int model_field_managed(const struct kind *k, int i);
/* The enumeration value with `code`, or NULL. */
const struct enum_value *model_enum_value(const struct enum_def *e, const char *code);

/* The fields that say who may see a record: its level, and the teams
 * (level "team") or the accounts (level "confidential") it is shared with.
 * Administrators see everything. */
#define MODEL_VISIBILITY_FIELDS \
	{"visibility", FT_ENUM, N_("Visibility"), N_("Public records appear in the published directory; internal ones to every account; team ones to the teams chosen; confidential ones to the accounts chosen and administrators."), \
	 F_REQUIRED, 0, 0, 0, &model_visibility, NULL, N_("Who may see it"), "visibilite|visibility|visibilidad"}, \
	{"visibility_teams", FT_REF, N_("Teams"), N_("For the level \"team\": one per line."), F_MULTI, 0, 0, 20, NULL, "team", N_("Who may see it"), NULL}, \
	{"visibility_users", FT_REF, N_("Accounts"), N_("For the level \"confidential\": one per line."), F_MULTI, 0, 0, 50, NULL, "account", N_("Who may see it"), NULL}

/* Languages a multilingual value may carry. */
extern const struct enum_def model_value_languages;
/* Visibility levels, from the most open. */
extern const struct enum_def model_visibility;

extern const struct kind model_organization;
extern const struct kind model_person;
extern const struct kind model_position;
extern const struct kind model_relationship;
extern const struct kind model_account;
extern const struct kind model_team;
extern const struct kind model_interaction;
extern const struct kind model_followup;
extern const struct kind model_note;
extern const struct kind model_document;
extern const struct kind model_working_group;
extern const struct kind model_roadmap_axis;
extern const struct kind model_roadmap_action;

/* A follow-up's and a roadmap action's statuses (the desk and the roadmap
 * view read them). */
extern const struct enum_def model_followup_status;
extern const struct enum_def model_roadmap_status;

/* Time zones a meeting may be set in (Olson names), the first the default. */
extern const struct enum_def model_timezones;

#endif

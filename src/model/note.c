/*
 * note.c - the declaration of a note: minutes (compte rendu), briefing
 * note (note de synthèse), talking points (éléments de langage),
 * information note, mission report; written in Markdown, validated by the
 * hierarchy through the note workflow, then sent to a distribution list.
 *
 * The workflow:
 *
 *   draft ──submit──▶ submitted ──validate──▶ validated ──send──▶ validated
 *     ▲                 │    │                    │
 *     └────withdraw─────┘  return (comment)       reopen (a new version)
 *                            ▼                    ▼
 *                         returned ──resubmit──▶ submitted      draft
 *
 * A note is written in draft and changed again once returned; submitted
 * and validated notes are frozen.  It is submitted to a named validator or
 * to the validators of a team; its author may not validate it.
 */
#include "model/model.h"
#include "model/record.h"
#include "model/workflow.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value note_types[] = {
	{"minutes", N_("Minutes"), NULL},
	{"briefing", N_("Briefing note"), NULL},
	{"talking_points", N_("Talking points"), NULL},
	{"information", N_("Information note"), NULL},
	{"mission_report", N_("Mission report"), NULL},
};
static const struct enum_def note_type_enum = {"note_type", note_types, COUNT(note_types)};

static const struct enum_value note_states[] = {
	{"draft", N_("Draft"), NULL},
	{"submitted", N_("Submitted for validation"), NULL},
	{"returned", N_("Returned with comments"), NULL},
	{"validated", N_("Validated"), NULL},
};
static const struct enum_def note_state_enum = {"note_state", note_states, COUNT(note_states)};

static const struct field fields[] = {
	{"title", FT_TEXT, N_("Title"), NULL, F_REQUIRED | F_TITLE | F_NAME | F_LIST | F_PUBLIC, 200, 0, 0, NULL, NULL, NULL, "titre|title|titulo|objet"},
	{"note_type", FT_ENUM, N_("Kind of note"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, &note_type_enum, NULL, NULL, "type|type de note|tipo"},
	{"date", FT_DATE, N_("Date"), NULL, F_REQUIRED | F_LIST | F_PUBLIC, 0, 0, 0, NULL, NULL, NULL, "date|fecha"},
	{"status", FT_ENUM, N_("Status"), N_("Changed only by the workflow's actions."), F_LIST | F_FILTER, 0, 0, 0, &note_state_enum, NULL, NULL, NULL},
	{"body", FT_MARKDOWN, N_("Text"), N_("Markdown: # heading, - list item, **bold**, *italic*, [link](https://...), tables with | pipes |. HTML is not accepted."),
	 F_SEARCH | F_PUBLIC, 100000, 0, 0, NULL, NULL, NULL, NULL},
	{"author", FT_REF, N_("Author"), NULL, F_LIST | F_FILTER, 0, 0, 0, NULL, "account", N_("Validation"), NULL},
	{"validator", FT_REF, N_("Validator"), N_("The person who validates it; or name a team below."), F_FILTER, 0, 0, 0, NULL, "account", N_("Validation"), NULL},
	{"validator_team", FT_REF, N_("Validating team"), N_("Any validator of this team may validate it."), 0, 0, 0, 0, NULL, "team", N_("Validation"), NULL},
	{"interaction", FT_REF, N_("Meeting"), N_("The meeting these minutes record."), F_FILTER, 0, 0, 0, NULL, "interaction", N_("What it concerns"), NULL},
	{"organizations", FT_REF, N_("Organisations"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 100, NULL, "organization", N_("What it concerns"), NULL},
	{"people", FT_REF, N_("People"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 100, NULL, "person", N_("What it concerns"), NULL},
	{"working_group", FT_REF, N_("Working group"), NULL, F_FILTER, 0, 0, 0, NULL, "working_group", N_("What it concerns"), NULL},
	{"roadmap_actions", FT_REF, N_("Roadmap actions"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 20, NULL, "roadmap_action", N_("What it concerns"), NULL},
	MODEL_VISIBILITY_FIELDS,
};

static const char *const from_draft[] = {"draft", NULL};
static const char *const from_submitted[] = {"submitted", NULL};
static const char *const from_returned[] = {"returned", NULL};
static const char *const from_validated[] = {"validated", NULL};
static const char *const editable[] = {"draft", "returned", NULL};

static const struct workflow_transition transitions[] = {
	{"submit", N_("Submit for validation"), from_draft, "submitted", WF_CONTRIBUTOR, WT_NEEDS_ASSIGNEE | WT_COMMENT,
	 N_("Submitted for validation.")},
	{"withdraw", N_("Withdraw"), from_submitted, "draft", WF_AUTHOR, WT_COMMENT, N_("Withdrawn: the note is a draft again.")},
	{"return", N_("Return with comments"), from_submitted, "returned", WF_ASSIGNEE, WT_COMMENT_REQUIRED,
	 N_("Returned to its author with your comments.")},
	{"resubmit", N_("Submit the revised note"), from_returned, "submitted", WF_CONTRIBUTOR, WT_NEEDS_ASSIGNEE | WT_COMMENT,
	 N_("The revised note is submitted again.")},
	{"validate", N_("Validate"), from_submitted, "validated", WF_ASSIGNEE, WT_NOT_AUTHOR | WT_COMMENT, N_("Validated.")},
	{"send", N_("Send to a distribution list"), from_validated, "validated", WF_CONTRIBUTOR, WT_RECIPIENTS | WT_COMMENT,
	 N_("Sent; each recipient is recorded.")},
	{"reopen", N_("Reopen for a new version"), from_validated, "draft", WF_AUTHOR, WT_COMMENT_REQUIRED,
	 N_("Reopened: the note is a draft again; the validated version stays in its history.")},
};

static const char *const waiting[] = {"submitted", NULL};

const struct workflow model_note_workflow = {
	.state_field = "status",
	.initial = "draft",
	.editable = editable,
	.author_field = "author",
	.assignee_field = "validator",
	.assignee_team_field = "validator_team",
	.waiting = waiting,
	.transitions = transitions,
	.ntransitions = COUNT(transitions),
};

const struct kind model_note = {
	.name = "note",
	.plural = "notes",
	.label = N_("Note"),
	.label_plural = N_("Notes"),
	.fields = fields,
	.nfields = COUNT(fields),
	.index = 8,
	.searchable = 1,
	.has_visibility = 1,
	.workflow = &model_note_workflow,
	.timeline_date = "date",
};

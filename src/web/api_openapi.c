/*
 * api_openapi.c - the OpenAPI 3.1 description of the API, generated from
 * the same declarations as everything else: a kind added to the model
 * appears here with its schema, filters and paths.
 */
#include "web/views.h"

#include "model/workflow.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "version.h"

static json_t *field_schema(const struct field *f)
{
	json_t *s = json_object();
	switch (f->type) {
	case FT_INT:
	case FT_REF:
		json_object_set_new(s, "type", json_string("integer"));
		break;
	case FT_REAL:
		json_object_set_new(s, "type", json_string("number"));
		if (f->min || f->max) {
			json_object_set_new(s, "minimum", json_real(f->min));
			json_object_set_new(s, "maximum", json_real(f->max));
		}
		break;
	case FT_BOOL:
		json_object_set_new(s, "type", json_string("boolean"));
		break;
	case FT_DATE:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("date"));
		break;
	case FT_EMAIL:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("email"));
		break;
	case FT_URL:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("uri"));
		break;
	case FT_ENUM: {
		json_t *e = json_array();
		for (size_t i = 0; i < f->enumeration->count; i++)
			json_array_append_new(e, json_string(f->enumeration->values[i].code));
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "enum", e);
		break;
	}
	case FT_SIREN:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "pattern", json_string("^[0-9]{9}$"));
		break;
	case FT_SIRET:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "pattern", json_string("^[0-9]{14}$"));
		break;
	default:
		json_object_set_new(s, "type", json_string("string"));
		if (f->max_len > 0)
			json_object_set_new(s, "maxLength", json_integer(f->max_len));
	}
	if (f->type == FT_CODE)
		json_object_set_new(s, "description", json_string(strcmp(f->ref, "territory") == 0
			? "ISO 3166-1 alpha-2 code, or a French region code (FR-NAQ); see /api/v1/territories"
			: strcmp(f->ref, "sector") == 0 ? "OECD DAC 5-digit sector code; see /api/v1/sectors"
							: "Sustainable Development Goal 1-17; see /api/v1/sdgs"));
	if (f->type == FT_REF)
		json_object_set_new(s, "description", json_string(f->ref));
	if (!(f->flags & F_MULTI))
		return s;
	json_t *item = s;
	if (f->flags & (F_LANG | F_ACRONYM)) {
		item = json_object();
		json_t *props = json_object(), *req = json_array();
		json_object_set_new(props, "value", s);
		json_t *lang = json_object(), *codes = json_array();
		for (size_t i = 0; i < model_value_languages.count; i++)
			json_array_append_new(codes, json_string(model_value_languages.values[i].code));
		json_object_set_new(lang, "type", json_string("string"));
		json_object_set_new(lang, "enum", codes);
		json_object_set_new(props, "lang", lang);
		if (f->flags & F_ACRONYM)
			json_object_set_new(props, "acronym", json_pack("{s:s}", "type", "boolean"));
		json_array_append_new(req, json_string("value"));
		json_array_append_new(req, json_string("lang"));
		json_object_set_new(item, "type", json_string("object"));
		json_object_set_new(item, "properties", props);
		json_object_set_new(item, "required", req);
		json_object_set_new(item, "additionalProperties", json_false());
	}
	json_t *arr = json_object();
	json_object_set_new(arr, "type", json_string("array"));
	json_object_set_new(arr, "items", item);
	if (f->max > 0)
		json_object_set_new(arr, "maxItems", json_integer((json_int_t)f->max));
	return arr;
}

static json_t *kind_schema(const struct kind *k)
{
	json_t *s = json_object(), *props = json_object(), *req = json_array();
	json_object_set_new(props, "id", json_pack("{s:s, s:b}", "type", "integer", "readOnly", 1));
	for (size_t i = 0; i < k->nfields; i++) {
		json_t *fs = field_schema(&k->fields[i]);
		json_object_set_new(fs, "title", json_string(k->fields[i].label));
		if (model_field_managed(k, (int)i)) {
			json_object_set_new(fs, "readOnly", json_true());
			json_object_set_new(fs, "description", json_string("Changed only by the workflow's transitions"));
		}
		json_object_set_new(props, k->fields[i].name, fs);
		if (k->fields[i].flags & F_REQUIRED)
			json_array_append_new(req, json_string(k->fields[i].name));
	}
	json_object_set_new(props, "created_at", json_pack("{s:s, s:s, s:b}", "type", "string", "format", "date-time", "readOnly", 1));
	json_object_set_new(props, "updated_at", json_pack("{s:s, s:s, s:b}", "type", "string", "format", "date-time", "readOnly", 1));
	json_object_set_new(props, "deleted_at", json_pack("{s:s, s:s, s:b, s:s}", "type", "string", "format", "date-time", "readOnly", 1,
							  "description", "Set while the record is in the bin (lists with ?deleted=true)"));
	json_object_set_new(s, "type", json_string("object"));
	json_object_set_new(s, "properties", props);
	json_object_set_new(s, "required", req);
	json_object_set_new(s, "additionalProperties", json_false());
	return s;
}

static json_t *ref(const char *name)
{
	return json_pack("{s:s}", "$ref", name);
}

static json_t *response(const char *description, json_t *schema, const char *type)
{
	json_t *r = json_pack("{s:s}", "description", description);
	if (schema)
		json_object_set_new(r, "content", json_pack("{s:{s:o}}", type, "schema", schema));
	return r;
}

static json_t *problem_response(const char *description)
{
	return response(description, ref("#/components/schemas/Problem"), "application/problem+json");
}

static json_t *query_param(const char *name, const char *description, json_t *schema)
{
	return json_pack("{s:s, s:s, s:s, s:o}", "name", name, "in", "query", "description", description, "schema", schema);
}

static json_t *id_parameter(void)
{
	return json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", "id", "in", "path", "required", 1, "schema", "type", "integer");
}

/* A kind's workflow: its transitions (an enumeration of their names) and
 * its steps. */
static void workflow_paths(struct request *r, json_t *paths, const struct kind *k)
{
	json_t *names = json_array();
	for (size_t i = 0; i < k->workflow->ntransitions; i++)
		json_array_append_new(names, json_string(k->workflow->transitions[i].name));
	json_t *body = json_pack("{s:s, s:{s:{s:[s, s]}, s:{s:s, s:{s:s}, s:s}}, s:b}", "type", "object", "properties", "comment",
				 "type", "string", "null", "recipients", "type", "array", "items", "type", "string", "description",
				 "\"person:ID\" or \"account:ID\", for transitions that send", "additionalProperties", 0);
	json_object_set_new(paths, arena_printf(&r->arena, "/api/v1/%s/{id}/transitions/{name}", k->plural),
		json_pack("{s:[o, {s:s, s:s, s:b, s:{s:s, s:o}}], s:{s:s, s:[s], s:{s:b, s:{s:{s:o}}}, s:{s:o, s:o, s:o, s:o, s:o}}}",
			  "parameters", id_parameter(), "name", "name", "in", "path", "required", 1, "schema", "type", "string", "enum", names,
			  "post", "summary", "Fire a transition of the workflow", "tags", k->plural, "requestBody", "required", 0,
			  "content", "application/json", "schema", body, "responses",
			  "200", response("The record in its new state, and the step's id", json_pack("{s:s}", "type", "object"), "application/json"),
			  "403", problem_response("Not this viewer's to fire (role, assignee, own note)"),
			  "404", problem_response("No such record or transition"),
			  "409", problem_response("Not possible in the record's present state"),
			  "422", problem_response("A comment, the assignee or recipients are missing")));
	json_object_set_new(paths, arena_printf(&r->arena, "/api/v1/%s/{id}/steps", k->plural),
		json_pack("{s:[o], s:{s:s, s:[s], s:{s:o, s:o}}}", "parameters", id_parameter(), "get", "summary",
			  "Every step of the workflow (who, when, from, to, comment, version) and the distribution", "tags", k->plural,
			  "responses", "200", response("Steps and distribution", json_pack("{s:s}", "type", "object"), "application/json"),
			  "404", problem_response("Not found")));
}

static void attachment_paths(struct request *r, json_t *paths, const struct kind *k)
{
	json_object_set_new(paths, arena_printf(&r->arena, "/api/v1/%s/{id}/attachments", k->plural),
		json_pack("{s:[o], s:{s:s, s:[s], s:{s:o, s:o}}, s:{s:s, s:[s], s:{s:b, s:{s:{s:{s:s, s:{s:{s:s, s:s}}}}}}, s:{s:o, s:o, s:o, s:o}}}",
			  "parameters", id_parameter(), "get", "summary", "The files attached", "tags", k->plural, "responses",
			  "200", response("Attachments", json_pack("{s:s}", "type", "object"), "application/json"), "404", problem_response("Not found"),
			  "post", "summary", "Attach a file (its type is checked by its content; 20 MB at most)", "tags", k->plural,
			  "requestBody", "required", 1, "content", "multipart/form-data", "schema", "type", "object", "properties", "file",
			  "type", "string", "format", "binary", "responses",
			  "201", response("Attached", json_pack("{s:s}", "type", "object"), "application/json"),
			  "403", problem_response("Not allowed"), "409", problem_response("The record is frozen in its workflow state"),
			  "422", problem_response("No file, too large, or a type not accepted")));
}

void api_openapi(struct request *r, const struct route_match *m)
{
	(void)m;
	json_t *doc = json_object(), *paths = json_object(), *schemas = json_object();
	json_object_set_new(doc, "openapi", json_string("3.1.0"));
	json_object_set_new(doc, "info", json_pack("{s:s, s:s, s:s}", "title", "Passerelle API", "version", PASSERELLE_VERSION,
						    "description", "The directory of actors of cooperation networks and the social and solidarity economy. "
								   "Authenticate with a personal API token (created on /account) sent as Authorization: Bearer TOKEN; "
								   "what each role may do and see is described in docs/api.md."));
	json_object_set_new(schemas, "Problem", json_pack("{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s, s:{s:s, s:{s:{s:s}, s:{s:s}}}}}}",
		"type", "object", "properties", "type", "type", "string", "title", "type", "string", "status", "type", "integer",
		"detail", "type", "string", "errors", "type", "array", "items", "type", "object", "properties", "field", "type", "string",
		"message", "type", "string"));
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	for (size_t i = 0; i < nk; i++) {
		const struct kind *k = kinds[i];
		const char *name = k->name;
		json_object_set_new(schemas, name, kind_schema(k));
		const char *sref = arena_printf(&r->arena, "#/components/schemas/%s", name);
		json_t *params = json_array();
		json_array_append_new(params, query_param("limit", "Page size, 1 to 200 (default 50)", json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", 1, "maximum", STORE_MAX_LIMIT)));
		json_array_append_new(params, query_param("after", "Cursor from the previous page's `next`", json_pack("{s:s}", "type", "string")));
		if (k->searchable)
			json_array_append_new(params, query_param("q", "Search text: case, accents and ligatures ignored; prefixes match", json_pack("{s:s}", "type", "string")));
		for (size_t f = 0; f < k->nfields; f++)
			if (k->fields[f].flags & F_FILTER) {
				json_t *fs = field_schema(&k->fields[f]);
				if (k->fields[f].flags & F_MULTI) {
					json_t *it = json_incref(json_object_get(fs, "items"));
					json_decref(fs);
					fs = it;
				}
				json_array_append_new(params, query_param(k->fields[f].name, "Filter", fs));
			}
		const struct field *by_date = model_list_date(k);
		if (by_date) {
			json_array_append_new(params, query_param("from", arena_printf(&r->arena, "Only those whose %s is on or after this day (YYYY-MM-DD or DD/MM/YYYY); the list is newest first", by_date->name),
								  json_pack("{s:s, s:s}", "type", "string", "format", "date")));
			json_array_append_new(params, query_param("until", arena_printf(&r->arena, "Only those whose %s is on or before this day", by_date->name),
								  json_pack("{s:s, s:s}", "type", "string", "format", "date")));
		}
		json_t *list_schema = json_pack("{s:s, s:{s:{s:s, s:o}, s:{s:[s, s]}}}", "type", "object", "properties", "items",
						"type", "array", "items", ref(sref), "next", "type", "string", "null");
		json_t *collection = json_object(), *item = json_object();
		json_object_set_new(collection, "get", json_pack("{s:s, s:[s], s:o, s:{s:o, s:o}}", "summary", arena_printf(&r->arena, "List %s", k->plural),
			"tags", k->plural, "parameters", params, "responses", "200", response("A page", list_schema, "application/json"),
			"400", problem_response("Bad parameters")));
		json_object_set_new(collection, "post", json_pack("{s:s, s:[s], s:{s:b, s:{s:{s:o}}}, s:{s:o, s:o, s:o, s:o}}",
			"summary", arena_printf(&r->arena, "Create a %s", name), "tags", k->plural,
			"requestBody", "required", 1, "content", "application/json", "schema", ref(sref),
			"responses", "201", response("Created", ref(sref), "application/json"), "400", problem_response("Malformed JSON"),
			"403", problem_response("Not allowed"), "422", problem_response("Invalid values")));
		json_t *id_param = json_pack("[{s:s, s:s, s:b, s:{s:s}}]", "name", "id", "in", "path", "required", 1, "schema", "type", "integer");
		json_object_set_new(item, "parameters", id_param);
		json_object_set_new(item, "get", json_pack("{s:s, s:[s], s:{s:o, s:o}}", "summary", arena_printf(&r->arena, "One %s", name),
			"tags", k->plural, "responses", "200", response("The record", ref(sref), "application/json"), "404", problem_response("Not found")));
		json_object_set_new(item, "patch", json_pack("{s:s, s:[s], s:{s:b, s:{s:{s:o}}}, s:{s:o, s:o, s:o}}",
			"summary", "Change some fields; null empties a field", "tags", k->plural,
			"requestBody", "required", 1, "content", "application/json", "schema", ref(sref),
			"responses", "200", response("The record as stored", ref(sref), "application/json"), "404", problem_response("Not found"),
			"422", problem_response("Invalid values")));
		json_object_set_new(item, "delete", json_pack("{s:s, s:[s], s:{s:o, s:o}}", "summary", "Move to the bin",
			"tags", k->plural, "responses", "204", response("Deleted", NULL, NULL), "404", problem_response("Not found")));
		json_object_set_new(paths, arena_printf(&r->arena, "/api/v1/%s", k->plural), collection);
		json_object_set_new(paths, arena_printf(&r->arena, "/api/v1/%s/{id}", k->plural), item);
		if (k->workflow)
			workflow_paths(r, paths, k);
		if (k->timeline_date || k->workflow)
			attachment_paths(r, paths, k);
	}
	json_object_set_new(paths, "/api/v1/search", json_pack("{s:{s:s, s:[o, o, o], s:{s:o}}}", "get", "summary", "Search organisations and people",
		"parameters", query_param("q", "Search text", json_pack("{s:s}", "type", "string")),
		query_param("limit", "1 to 200 (default 10)", json_pack("{s:s}", "type", "integer")),
		query_param("after", "Cursor", json_pack("{s:s}", "type", "string")),
		"responses", "200", response("Hits by relevance", json_pack("{s:s}", "type", "object"), "application/json")));
	static const char *lists[] = {"territories", "sectors", "sdgs"};
	for (size_t i = 0; i < 3; i++)
		json_object_set_new(paths, arena_printf(&r->arena, "/api/v1/%s", lists[i]), json_pack("{s:{s:s, s:[o], s:{s:o}}}", "get",
			"summary", "Reference list", "parameters", query_param("q", "Code or part of a name", json_pack("{s:s}", "type", "string")),
			"responses", "200", response("Items", json_pack("{s:s}", "type", "object"), "application/json")));
	json_object_set_new(doc, "paths", paths);
	json_object_set_new(doc, "security", json_pack("[{s:[]}]", "bearer"));
	json_object_set_new(doc, "components", json_pack("{s:o, s:{s:{s:s, s:s}}}", "schemas", schemas, "securitySchemes", "bearer",
							  "type", "http", "scheme", "bearer"));
	char *text = json_dumps(doc, JSON_INDENT(1));
	json_decref(doc);
	r->res.content_type = "application/json";
	buf_puts(&r->res.body, text ? text : "{}");
	free(text);
}

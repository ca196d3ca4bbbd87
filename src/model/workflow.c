/* workflow.c - look-ups in workflow declarations.  See workflow.h. */
#include "model/workflow.h"
#include "model/model.h"

#include <string.h>

int workflow_state_in(const char *const *states, const char *state)
{
	if (!states || !state)
		return 0;
	for (; *states; states++)
		if (strcmp(*states, state) == 0)
			return 1;
	return 0;
}

int workflow_leaves_from(const struct workflow_transition *t, const char *state)
{
	return workflow_state_in(t->from, state);
}

const struct workflow_transition *workflow_transition(const struct workflow *w, const char *name)
{
	if (!w || !name)
		return NULL;
	for (size_t i = 0; i < w->ntransitions; i++)
		if (strcmp(w->transitions[i].name, name) == 0)
			return &w->transitions[i];
	return NULL;
}

int model_field_managed(const struct kind *k, int i)
{
	if (!k->workflow || i < 0 || (size_t)i >= k->nfields)
		return 0;
	const char *name = k->fields[i].name;
	return strcmp(name, k->workflow->state_field) == 0 ||
	       (k->workflow->author_field && strcmp(name, k->workflow->author_field) == 0);
}

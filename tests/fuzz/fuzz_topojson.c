/*
 * fuzz_topojson.c - libFuzzer target for svgmap_new(): arbitrary bytes as
 * TopoJSON; when they decode, one render over a view picked from the bytes.
 *
 * Build and run (seed corpus in tests/fuzz/corpus/topojson/):
 *   clang-14 -std=c11 -D_GNU_SOURCE -g -O1 -Isrc \
 *     -fsanitize=fuzzer,address,undefined tests/fuzz/fuzz_topojson.c \
 *     src/web/svgmap.c src/base/buf.c -ljansson -lm -o /tmp/fuzz_topojson
 *   /tmp/fuzz_topojson -max_total_time=60 tests/fuzz/corpus/topojson
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "web/svgmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	struct svgmap *m = svgmap_new((const char *)data, size, err,
				      sizeof(err));
	if (!m) {
		/* A failure always says why. */
		if (!err[0])
			__builtin_trap();
		return 0;
	}

	/* A view that depends on the input, so the corpus explores zooms. */
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	double lat = (double)(h % 181) - 90;
	double lon = (double)((h >> 8) % 361) - 180;
	double span = 0.01 * (double)(1u << ((h >> 20) % 16));
	if (h & 1) {
		lat = 0;
		lon = 0;
	}
	struct svgmap_point pts[] = {
		{lat, lon, "<&\"'>", 1},
		{0, 0, NULL, (int)(h >> 16)},
	};
	struct buf out = BUF_INIT;
	svgmap_render(m, &out, lat, lon, span, 320, 200, pts, 2, "fuzz",
		      (h & 2) ? "TT" : "FR");
	if (out.len < 6 || strcmp(out.data + out.len - 6, "</svg>"))
		__builtin_trap();
	buf_release(&out);
	svgmap_free(m);
	return 0;
}

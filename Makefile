# Passerelle - build, run, test.
#   make run    install what is missing, build, start with the demo network
#   make test   install what tests need, run every test (also under ASan+UBSan)
#   make bench  benchmarks, written to BENCHMARKS.md

.SUFFIXES:

CC = gcc
PKGS = libmicrohttpd sqlite3 jansson icu-uc icu-i18n libsodium nettle libzip libxml-2.0 xlsxwriter libcmark-gfm libical libcurl libmagic pangocairo cairo-pdf poppler-glib
WARN = -Wall -Wextra -Wformat=2 -Wshadow -Werror
CFLAGS = -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc -Ibuild/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Libraries without a pkg-config file.
EXTRA_LIBS = -lcmark-gfm-extensions
LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(EXTRA_LIBS) -lpthread -lm
VERSION = $(shell cat VERSION)

# BUILD is the output folder: build/ for the normal build, build/san/ for
# the sanitizer build (make SAN=1).
ifeq ($(SAN),1)
BUILD = build/san
ALL_CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LIBS += -fsanitize=address,undefined
else
BUILD = build/release
endif

LIB_SRC = $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
LIB_OBJ = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/embedded.o
EMBED_FILES = $(sort $(wildcard src/db/migrations/*.sql) $(wildcard po/*.po) $(wildcard data/ref/*.csv) \
	data/map/countries-50m.json data/demo/network.json $(wildcard data/demo/activity.json) $(wildcard web/*.css web/*.js web/*.svg web/*.ico))
UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
BINARY = $(BUILD)/passerelle

.PHONY: all run test test-unit test-http test-browser test-san deps deps-test bench fuzz clean check-po

all: passerelle

passerelle: $(BINARY)
	cp $(BINARY) passerelle.tmp && mv -f passerelle.tmp passerelle

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*/*.h) build/gen/version.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

build/gen/version.h: VERSION
	@mkdir -p build/gen
	printf '#define PASSERELLE_VERSION "%s"\n' "$(VERSION)" > $@

build/embed: tools/embed.c
	@mkdir -p build
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror tools/embed.c -o $@

$(BUILD)/embedded.c: build/embed $(EMBED_FILES)
	@mkdir -p $(BUILD)
	build/embed $@ $(EMBED_FILES)

$(BUILD)/obj/embedded.o: $(BUILD)/embedded.c src/base/embedded.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O0 -Isrc -c $< -o $@

$(BUILD)/libpasserelle.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BINARY): $(BUILD)/obj/cli/main.o $(BUILD)/libpasserelle.a
	$(CC) $(ALL_CFLAGS) $^ $(LIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpasserelle.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $< $(BUILD)/libpasserelle.a $(LIBS) -lcmocka -o $@

deps:
	sh scripts/install-deps.sh run

deps-test:
	sh scripts/install-deps.sh test

# The demo is a desk in Saint-Martin: its time zone ("today", "overdue") and
# its name on the notes' documents, unless the environment says otherwise.
run: deps
	$(MAKE) passerelle
	@mkdir -p var
	@test -f var/passerelle.db || ./passerelle init --db var/passerelle.db
	TZ="$${TZ:-America/Marigot}" PASSERELLE_ORGANIZATION="$${PASSERELLE_ORGANIZATION:-Collectivité de Saint-Martin}" \
		./passerelle serve --db var/passerelle.db --listen 127.0.0.1:8080 --demo

test: deps-test
	sh tests/run-all.sh

test-unit: $(UNIT_TESTS)
	sh tests/run-unit.sh $(BUILD)/tests

test-http: $(BINARY)
	PASSERELLE_BIN=$(abspath $(BINARY)) node --test tests/http/

test-browser: $(BINARY)
	PASSERELLE_BIN=$(abspath $(BINARY)) node --test tests/browser/

check-po:
	sh tests/check-po.sh

bench: passerelle
	sh bench/run.sh

fuzz:
	sh tests/fuzz/run.sh 30

clean:
	rm -rf build passerelle

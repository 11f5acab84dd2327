# A release build that needs no Swift toolchain where it runs (the Swift standard library and
# Foundation linked in; ncurses, zlib, libstdc++ and libc come from the system), and its
# installation:
#
#   make                                  # the static release build (slow: minutes, see README)
#   sudo make install PREFIX=/usr/local   # binary, man page, completions, demo dataset
#   make install DESTDIR=/tmp/pkg PREFIX=/usr   # staged, for packaging
#
# `install` never builds: run `make` first (as yourself), then install (possibly as root).

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
# Where the static build goes; kept apart from the debug build in .build so neither rebuilds the other.
SCRATCH ?= .build/static
ORDERSCOPE ?= $(SCRATCH)/release/orderscope

BINDIR = $(DESTDIR)$(PREFIX)/bin
MAN1DIR = $(DESTDIR)$(PREFIX)/share/man/man1
DATADIR = $(DESTDIR)$(PREFIX)/share/orderscope
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: all build install uninstall

all: build

build:
	$(SWIFT) build -c release --static-swift-stdlib --product orderscope --scratch-path $(SCRATCH)

install:
	@test -x "$(ORDERSCOPE)" || { echo "make install: no $(ORDERSCOPE); run 'make' first" >&2; exit 1; }
	install -d "$(BINDIR)" "$(MAN1DIR)" "$(DATADIR)" "$(BASHDIR)" "$(ZSHDIR)" "$(FISHDIR)"
	install -m 755 "$(ORDERSCOPE)" "$(BINDIR)/orderscope"
	install -m 644 Resources/demo-orders.json "$(DATADIR)/demo-orders.json"
	"$(ORDERSCOPE)" man > "$(MAN1DIR)/orderscope.1"
	"$(ORDERSCOPE)" --generate-completion-script bash > "$(BASHDIR)/orderscope"
	"$(ORDERSCOPE)" --generate-completion-script zsh > "$(ZSHDIR)/_orderscope"
	"$(ORDERSCOPE)" --generate-completion-script fish > "$(FISHDIR)/orderscope.fish"
	chmod 644 "$(MAN1DIR)/orderscope.1" "$(BASHDIR)/orderscope" "$(ZSHDIR)/_orderscope" "$(FISHDIR)/orderscope.fish"

uninstall:
	rm -f "$(BINDIR)/orderscope" "$(MAN1DIR)/orderscope.1" "$(DATADIR)/demo-orders.json" \
		"$(BASHDIR)/orderscope" "$(ZSHDIR)/_orderscope" "$(FISHDIR)/orderscope.fish"
	-rmdir "$(DATADIR)" 2>/dev/null

#ifndef TERN_CNCURSES_SHIM_H
#define TERN_CNCURSES_SHIM_H
// Wide-character ncurses for Swift. Swift 6 rejects C globals and cannot see
// function-like macros, so each one the backend needs is wrapped here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *tern_stdscr(void) { return stdscr; }
static inline int tern_colors(void) { return COLORS; }
static inline int tern_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t tern_a_bold(void) { return A_BOLD; }
static inline attr_t tern_a_reverse(void) { return A_REVERSE; }
static inline attr_t tern_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tern_a_dim(void) { return A_DIM; }
static inline attr_t tern_a_normal(void) { return A_NORMAL; }
static inline void tern_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline int tern_key_resize(void) { return KEY_RESIZE; }
static inline int tern_key_code_yes(void) { return KEY_CODE_YES; }
static inline int tern_err(void) { return ERR; }
static inline int tern_ccharw_max(void) { return CCHARW_MAX; }
static inline void tern_set_escdelay(int ms) { set_escdelay(ms); }

/// Draws one cell: up to CCHARW_MAX-1 code points (a base and its combining
/// marks), with attributes and a colour pair.
static inline int tern_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, (short)pair, NULL) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// Restores the terminal from a fatal signal, then lets the signal do what
/// it would have done (core dump, exit status), so a crash never leaves the
/// user's terminal in raw mode.
static void tern_crash_handler(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void tern_atexit_handler(void) {
    if (!isendwin()) endwin();
}

/// Installs the crash and exit handlers (idempotent enough: reinstalling is harmless).
static inline void tern_install_restore_handlers(void) {
    signal(SIGSEGV, tern_crash_handler);
    signal(SIGABRT, tern_crash_handler);
    signal(SIGBUS, tern_crash_handler);
    signal(SIGILL, tern_crash_handler);
    signal(SIGFPE, tern_crash_handler);
    signal(SIGTRAP, tern_crash_handler);
    atexit(tern_atexit_handler);
}

#endif

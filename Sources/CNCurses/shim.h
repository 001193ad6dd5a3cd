#ifndef TERN_CNCURSES_SHIM_H
#define TERN_CNCURSES_SHIM_H
// Wide-character ncurses for Swift. Swift 6 rejects C globals and cannot see
// function-like macros, so each one the backend needs is wrapped here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

static inline WINDOW *tern_stdscr(void) { return stdscr; }
static inline int tern_lines(void) { return LINES; }
static inline int tern_cols(void) { return COLS; }
static inline int tern_colors(void) { return COLORS; }
static inline int tern_color_pairs(void) { return COLOR_PAIRS; }
static inline int tern_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline attr_t tern_a_bold(void) { return A_BOLD; }
static inline attr_t tern_a_reverse(void) { return A_REVERSE; }
static inline attr_t tern_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tern_a_dim(void) { return A_DIM; }
static inline attr_t tern_a_normal(void) { return A_NORMAL; }
static inline void tern_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline int tern_key_resize(void) { return KEY_RESIZE; }

#endif

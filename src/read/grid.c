/* Grids: the common form of every rendered table (grid.h). */
#include <stdlib.h>
#include <string.h>

#include "read/grid.h"

rc_grid *rc_grid_new(rc_grid_kind kind, const char *file)
{
    rc_grid *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->arena = rc_arena_new();
    if (!g->arena) {
        free(g);
        return NULL;
    }
    g->kind = kind;
    g->file = file ? rc_arena_strdup(g->arena, file) : NULL;
    if (file && !g->file) {
        rc_grid_free(g);
        return NULL;
    }
    g->src.file = g->file;
    return g;
}

void rc_grid_free(rc_grid *grid)
{
    if (!grid)
        return;
    for (size_t i = 0; i < grid->nrows; i++)
        free(grid->rows[i].cells);
    free(grid->rows);
    rc_arena_free(grid->arena);
    free(grid);
}

rc_grid_row *rc_grid_add_row(rc_grid *grid, unsigned flags)
{
    if (grid->nrows == grid->caprows) {
        size_t cap = grid->caprows ? grid->caprows * 2 : 16;
        rc_grid_row *p = realloc(grid->rows, cap * sizeof *p);
        if (!p)
            return NULL;
        grid->rows = p;
        grid->caprows = cap;
    }
    rc_grid_row *row = &grid->rows[grid->nrows++];
    memset(row, 0, sizeof *row);
    row->flags = flags;
    return row;
}

/* blank: space, tab, CR, or U+00A0 (no-break space); returns its length */
static size_t blank_at(const char *s, size_t i, size_t n)
{
    if (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v'))
        return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0)
        return 2;
    return 0;
}

char *rc_grid_normalise(const char *text, size_t len)
{
    rc_buf out = RC_BUF_INIT;
    size_t i = 0;
    bool pending_space = false, pending_line = false;
    while (i < len) {
        size_t b = blank_at(text, i, len);
        if (b) {
            pending_space = true;
            i += b;
            continue;
        }
        if (text[i] == '\n') {
            pending_line = true;
            pending_space = false;
            i++;
            continue;
        }
        if (out.len > 0) {
            if (pending_line)
                rc_buf_putc(&out, '\n');
            else if (pending_space)
                rc_buf_putc(&out, ' ');
        }
        pending_line = pending_space = false;
        rc_buf_putc(&out, text[i] == '\0' ? ' ' : text[i]);
        i++;
    }
    return rc_buf_take(&out);
}

rc_cell *rc_grid_add_cell(rc_grid *grid, rc_grid_row *row, const char *text, size_t len,
                          unsigned col, unsigned span, unsigned flags, const rc_source *src)
{
    rc_cell *p = realloc(row->cells, (row->ncells + 1) * sizeof *p);
    if (!p)
        return NULL;
    row->cells = p;
    char *norm = rc_grid_normalise(text ? text : "", text ? len : 0);
    if (!norm)
        return NULL;
    const char *copy = rc_arena_strdup(grid->arena, norm);
    free(norm);
    if (!copy)
        return NULL;
    rc_cell *cell = &row->cells[row->ncells++];
    memset(cell, 0, sizeof *cell);
    cell->text = copy;
    cell->col = col;
    cell->span = span ? span : 1;
    cell->flags = flags;
    if (src) {
        cell->src = *src;
        cell->src.file = grid->file;
    } else {
        cell->src.file = grid->file;
    }
    if (col != RC_COL_UNKNOWN && col + cell->span > grid->ncols)
        grid->ncols = col + cell->span;
    return cell;
}

const char *rc_grid_strdup(rc_grid *grid, const char *s)
{
    return s ? rc_arena_strdup(grid->arena, s) : NULL;
}

const rc_cell *rc_grid_cell_at(const rc_grid_row *row, unsigned col)
{
    for (size_t i = 0; i < row->ncells; i++) {
        const rc_cell *c = &row->cells[i];
        if (c->col != RC_COL_UNKNOWN && col >= c->col && col < c->col + c->span)
            return c;
    }
    return NULL;
}

char *rc_grid_dump(const rc_grid *grid)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t r = 0; r < grid->nrows; r++) {
        const rc_grid_row *row = &grid->rows[r];
        if (row->flags & RC_ROW_HEAD)
            rc_buf_puts(&b, "H ");
        else if (row->flags & RC_ROW_MEMBER)
            rc_buf_puts(&b, "M ");
        else
            rc_buf_puts(&b, "  ");
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_cell *c = &row->cells[k];
            if (k)
                rc_buf_puts(&b, " | ");
            if (c->col == RC_COL_UNKNOWN)
                rc_buf_puts(&b, "?:");
            else if (c->span > 1)
                rc_buf_printf(&b, "%u-%u:", c->col, c->col + c->span - 1);
            else
                rc_buf_printf(&b, "%u:", c->col);
            for (const char *t = c->text; *t; t++)
                rc_buf_putc(&b, *t == '\n' ? '/' : *t);
        }
        rc_buf_putc(&b, '\n');
    }
    return rc_buf_take(&b);
}

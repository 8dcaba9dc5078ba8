/*
 * Writing a report to a file atomically (report.h): the report goes into a new
 * file beside the target, which is flushed, synced and then renamed over the
 * target, so that a reader (a CI step, an editor) sees either the old file or
 * the whole new one, never half of it.  rename() is atomic only within one file
 * system, hence the temporary file in the target's own directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rollcheck/report.h"
#include "common/util.h"

/* How many names are tried before giving up on a temporary file. */
#define TEMP_ATTEMPTS 100

/* "dir/.name.PID.N.tmp" for path "dir/name": hidden, beside it, unique per process. */
static char *temp_name(const char *path, unsigned attempt)
{
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    const char *base = slash ? slash + 1 : path;
    rc_buf b = RC_BUF_INIT;
    rc_buf_printf(&b, "%.*s.%s.%ld.%u.tmp", dirlen, path, base, (long)getpid(), attempt);
    return rc_buf_take(&b);
}

/* The directory of path, for syncing the rename: "." when it has none. */
static int sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    rc_buf b = RC_BUF_INIT;
    if (!slash)
        rc_buf_puts(&b, ".");
    else if (slash == path)
        rc_buf_puts(&b, "/");
    else
        rc_buf_append(&b, path, (size_t)(slash - path));
    if (b.failed) return -1;
    int fd = open(b.data, O_RDONLY);
    rc_buf_free(&b);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int rc_report_write_file(const char *path, rc_report_fn writer, const rc_report *report,
                         rc_ctx *ctx)
{
    int err = RC_OK, open_errno = 0;
    char *temp = NULL;
    int fd = -1;
    FILE *out = NULL;
    if (!path || !*path) return rc_ctx_fail(ctx, RC_EINVAL, "no file to write the report to");

    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return rc_ctx_fail(ctx, RC_EIO, "cannot write the report to '%s': it is a directory", path);
    /* O_EXCL with a name of our own rather than mkstemp: the new file gets the
     * mode 0666 less the umask, like any file a program creates */
    for (unsigned attempt = 0; attempt < TEMP_ATTEMPTS && fd < 0; attempt++) {
        free(temp);
        if (!(temp = temp_name(path, attempt))) {
            err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
            goto done;
        }
        fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        open_errno = errno;
        if (fd < 0 && open_errno != EEXIST) break;
    }
    if (fd < 0) {
        err = rc_ctx_fail(ctx, RC_EIO, "cannot write the report to '%s': %s", path,
                          strerror(open_errno));
        free(temp);
        temp = NULL; /* nothing was made */
        goto done;
    }
    /* a report replacing one keeps its permissions */
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) (void)fchmod(fd, st.st_mode & 07777);
    if (!(out = fdopen(fd, "w"))) {
        err =
            rc_ctx_fail(ctx, RC_EIO, "cannot write the report to '%s': %s", path, strerror(errno));
        goto done;
    }
    fd = -1; /* out owns it now */
    if ((err = writer(out, report, ctx)) < 0) goto done;
    if (fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0) {
        err =
            rc_ctx_fail(ctx, RC_EIO, "cannot write the report to '%s': %s", path, strerror(errno));
        goto done;
    }
    int rc = fclose(out);
    out = NULL;
    if (rc != 0) {
        err =
            rc_ctx_fail(ctx, RC_EIO, "cannot write the report to '%s': %s", path, strerror(errno));
        goto done;
    }
    if (rename(temp, path) != 0) {
        err =
            rc_ctx_fail(ctx, RC_EIO, "cannot write the report to '%s': %s", path, strerror(errno));
        goto done;
    }
    free(temp);
    temp = NULL; /* it is path now */
    /* the rename itself is durable once the directory is synced; the report is
     * complete either way, so a failure here is not worth failing the run for */
    (void)sync_dir(path);
done:
    if (out) fclose(out);
    if (fd >= 0) close(fd);
    if (temp) {
        unlink(temp);
        free(temp);
    }
    return err;
}

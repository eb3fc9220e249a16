/*
 * zstd_csv_count: the reference point for kycwatch's reader.
 *
 * Streams a .csv.zst file through libzstd (ZSTD_decompressStream with the
 * library's recommended buffer sizes) into libcsv's csv_parse, on one thread,
 * and counts records and fields. The callbacks do nothing else, so the time
 * measured is decompression plus tokenizing: the floor any reader built on
 * the same two libraries can reach.
 *
 * The parser runs as kycwatch configures it: CSV_STRICT (a stray quote is an
 * error) and no character treated as space, so fields are kept verbatim.
 *
 *   cc -O2 -o zstd_csv_count zstd_csv_count.c -lzstd -lcsv
 *   zstd_csv_count usage.csv.zst      (or - for standard input)
 *
 * Prints one line: rows=N fields=M bytes=UNCOMPRESSED
 * The first record is the header: rows and fields count the records after it.
 * Exit status: 0 on success, 1 on usage or I/O errors, 2 on malformed input.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

struct tally {
    unsigned long long records;      /* header included */
    unsigned long long fields;       /* header included */
    unsigned long long header_fields;
    unsigned long long record_fields; /* fields seen in the current record */
    unsigned long long ragged;       /* records whose width differs from the header */
};

static void on_field(void *field, size_t len, void *data) {
    (void)field;
    (void)len;
    struct tally *t = data;
    t->fields++;
    t->record_fields++;
}

static void on_record(int terminator, void *data) {
    (void)terminator;
    struct tally *t = data;
    if (t->records == 0) {
        t->header_fields = t->record_fields;
    } else if (t->record_fields != t->header_fields) {
        t->ragged++;
    }
    t->records++;
    t->record_fields = 0;
}

/* No byte is padding: leading and trailing blanks stay part of the field. */
static int no_space(unsigned char c) {
    (void)c;
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fprintf(stderr, "usage: %s FILE.csv.zst   (- reads standard input)\n", argv[0]);
        return 1;
    }
    const char *path = argv[1];
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (in == NULL) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }

    size_t in_cap = ZSTD_DStreamInSize();
    size_t out_cap = ZSTD_DStreamOutSize();
    unsigned char *in_buf = malloc(in_cap);
    unsigned char *out_buf = malloc(out_cap);
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    struct csv_parser parser;
    if (in_buf == NULL || out_buf == NULL || dctx == NULL || csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fprintf(stderr, "%s: out of memory\n", path);
        return 1;
    }
    csv_set_space_func(&parser, no_space);

    struct tally tally = {0};
    unsigned long long uncompressed = 0;
    size_t last_hint = 0; /* 0 once a frame is complete */
    int status = 0;
    size_t got;

    while (status == 0 && (got = fread(in_buf, 1, in_cap, in)) > 0) {
        ZSTD_inBuffer input = {in_buf, got, 0};
        ZSTD_outBuffer output;
        /* A full output buffer may leave bytes inside the decoder, so go on until it is not full. */
        do {
            output = (ZSTD_outBuffer){out_buf, out_cap, 0};
            size_t hint = ZSTD_decompressStream(dctx, &output, &input);
            if (ZSTD_isError(hint)) {
                fprintf(stderr, "%s: zstd: %s\n", path, ZSTD_getErrorName(hint));
                status = 2;
                break;
            }
            last_hint = hint;
            size_t parsed = csv_parse(&parser, out_buf, output.pos, on_field, on_record, &tally);
            if (parsed != output.pos) {
                fprintf(stderr, "%s: csv: %s at uncompressed byte %llu (record %llu)\n", path,
                        csv_strerror(csv_error(&parser)), uncompressed + parsed, tally.records + 1);
                status = 2;
                break;
            }
            uncompressed += output.pos;
        } while (input.pos < input.size || output.pos == output.size);
    }
    if (status == 0 && ferror(in)) {
        fprintf(stderr, "%s: read error: %s\n", path, strerror(errno));
        status = 1;
    }
    if (status == 0 && last_hint != 0) {
        fprintf(stderr, "%s: zstd: input ends inside a frame (truncated file)\n", path);
        status = 2;
    }
    if (status == 0 && csv_fini(&parser, on_field, on_record, &tally) != 0) {
        fprintf(stderr, "%s: csv: %s at end of input\n", path, csv_strerror(csv_error(&parser)));
        status = 2;
    }

    if (status == 0) {
        unsigned long long rows = tally.records > 0 ? tally.records - 1 : 0;
        unsigned long long fields = tally.fields - tally.header_fields;
        if (tally.ragged > 0) {
            fprintf(stderr, "%s: warning: %llu records do not have the header's %llu fields\n", path,
                    tally.ragged, tally.header_fields);
        }
        printf("rows=%llu fields=%llu bytes=%llu\n", rows, fields, uncompressed);
    }

    csv_free(&parser);
    ZSTD_freeDCtx(dctx);
    free(out_buf);
    free(in_buf);
    if (in != stdin) fclose(in);
    return status;
}

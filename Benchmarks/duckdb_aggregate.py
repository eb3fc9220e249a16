#!/usr/bin/env python3
"""The peer of the `kycwatch run` benchmark: DuckDB doing only the aggregation.

Per account: accelerator-hours and estimated operations (accelerators x peak dense BF16 OP/s x
seconds x utilization, 0.4 where utilization is not metered), from the same zstd CSV usage
export, written to a zstd CSV. Accelerator names are matched to the catalogue by model name or
alias, ignoring case and hyphens, as kycwatch does. No validation, no quarantine, no runs, no rules: a lower bound of the
work kycwatch does.
"""

import argparse
import duckdb


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("usage", help="usage export (.csv.zst, kycwatch layout)")
    parser.add_argument("accelerators", help="Pipelines/reference/accelerators.csv")
    parser.add_argument("out", help="output .csv.zst")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    con = duckdb.connect()
    con.execute(f"SET threads = {args.threads}")
    con.execute("SET preserve_insertion_order = false")
    con.execute(
        """
        CREATE TEMP TABLE peak AS
        WITH names AS (
            SELECT replace(lower(model), '-', ' ') AS name, bf16_dense_tflops AS tflops FROM read_csv(?, header = true)
            UNION
            SELECT replace(unnest(string_split(aliases, '|')), '-', ' ') AS name, bf16_dense_tflops FROM read_csv(?, header = true)
        )
        SELECT name, max(tflops) * 1e12 AS ops_per_second FROM names WHERE tflops IS NOT NULL GROUP BY name
        """,
        [args.accelerators, args.accelerators],
    )
    con.execute(
        f"""
        COPY (
            SELECT u.account_id,
                   sum(u.accelerator_count * epoch(u.end_time - u.start_time) / 3600.0) AS accelerator_hours,
                   sum(u.accelerator_count * p.ops_per_second * epoch(u.end_time - u.start_time)
                       * coalesce(u.accelerator_utilization, 0.4)) AS expected_operations
            FROM read_csv('{args.usage}', header = true, compression = 'zstd',
                          types = {{'accelerator_count': 'INTEGER', 'accelerator_utilization': 'DOUBLE',
                                   'start_time': 'TIMESTAMPTZ', 'end_time': 'TIMESTAMPTZ'}}) AS u
            LEFT JOIN peak AS p ON p.name = replace(lower(u.accelerator_model), '-', ' ')
            GROUP BY u.account_id
            ORDER BY u.account_id
        ) TO '{args.out}' (FORMAT csv, HEADER, COMPRESSION zstd)
        """
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Write a synthetic usage export in kycwatch's native layout, for the reader benchmark.

The output is plain CSV (header plus --rows records, LF line ends); compress it with
`zstd -3 -T2`. The same --rows and --seed give byte-identical output on any Python 3: only
random.random() is drawn, whose sequence for a given seed Python keeps stable across releases.

The data is shaped like a provider's hourly metering, in time order: a fleet of resources
is kept running hour after hour, each resource writing one record per hour of its life.
Resources come in groups that start and stop together:

- long-running CPU services (no accelerator fields, no utilization);
- short sessions of one instance, spread over all ~100k accounts;
- inference fleets of small GPU instances (bursty utilization, heavy egress);
- batch jobs of a few hours, some with GPUs, each with a scheduler job id;
- fine-tuning jobs of one to a few multi-GPU nodes;
- training clusters of many 8-accelerator nodes sharing a job and a placement group
  (steady high utilization, little egress), run by a small set of accounts.

Optional columns are sometimes empty, and about 0.1 % of the records carry a quoted job id
with a comma in it (a few with doubled quotes too), so a reader meets real CSV quoting.
"""

import argparse
import datetime
import random
import sys

COLUMNS = (
    "record_id,account_id,resource_id,job_id,cluster_id,region,zone,instance_type,"
    "accelerator_model,accelerator_count,start_time,end_time,accelerator_utilization,"
    "interconnect_gbps,egress_bytes"
)

ACCOUNTS = 100_000
LAB_EVERY = 50  # every 50th account also runs training clusters
FIRST_HOUR = datetime.datetime(2026, 6, 1, tzinfo=datetime.timezone.utc)
SPAN_HOURS = 30 * 24  # the fleet is sized so that --rows cover about thirty days

# (region, weight, zone letters)
REGIONS = (
    ("us-east-1", 34, "abcdef"),
    ("us-west-2", 20, "abcd"),
    ("us-east-2", 12, "abc"),
    ("eu-west-1", 8, "abc"),
    ("eu-central-1", 6, "abc"),
    ("ap-northeast-1", 5, "acd"),
    ("ap-southeast-1", 4, "abc"),
    ("ap-south-1", 3, "abc"),
    ("eu-north-1", 2, "abc"),
    ("ca-central-1", 2, "abd"),
    ("sa-east-1", 2, "abc"),
    ("me-central-1", 1, "abc"),
    ("ap-east-1", 1, "abc"),
)

# instance type -> (accelerator model, accelerators per instance, interconnect Gbit/s)
INSTANCE_TYPES = {
    "p5.48xlarge": ("H100-SXM5-80GB", 8, "3200"),
    "p5e.48xlarge": ("H200-SXM5-141GB", 8, "3200"),
    "p4d.24xlarge": ("A100-SXM4-40GB", 8, "400"),
    "p4de.24xlarge": ("A100-SXM4-80GB", 8, "400"),
    "trn1.32xlarge": ("Trainium1", 16, "800"),
    "trn2.48xlarge": ("Trainium2", 16, "3200"),
    "g6e.12xlarge": ("L40S-48GB", 4, "100"),
    "g5.48xlarge": ("A10G-24GB", 8, "100"),
    "g5.12xlarge": ("A10G-24GB", 4, "40"),
    "g5.2xlarge": ("A10G-24GB", 1, "10"),
    "g5.xlarge": ("A10G-24GB", 1, "10"),
    "g6.xlarge": ("L4-24GB", 1, "10"),
    "g6.4xlarge": ("L4-24GB", 1, "25"),
    "g4dn.xlarge": ("T4-16GB", 1, "25"),
    "inf2.xlarge": ("Inferentia2", 1, "15"),
    "inf2.24xlarge": ("Inferentia2", 6, "50"),
    "c6i.large": ("", 0, "12.5"),
    "c6i.4xlarge": ("", 0, "12.5"),
    "c7g.2xlarge": ("", 0, "15"),
    "m6i.xlarge": ("", 0, "12.5"),
    "m6i.8xlarge": ("", 0, "12.5"),
    "m7i.2xlarge": ("", 0, "12.5"),
    "r6i.2xlarge": ("", 0, "12.5"),
    "t3.medium": ("", 0, "5"),
}

CPU_TYPES = ("c6i.large", "c6i.4xlarge", "c7g.2xlarge", "m6i.xlarge", "m6i.8xlarge", "m7i.2xlarge",
             "r6i.2xlarge", "t3.medium", "t3.medium", "m6i.xlarge")
INFERENCE_TYPES = ("g5.xlarge", "g5.xlarge", "g5.2xlarge", "g6.xlarge", "g6.xlarge", "g6.4xlarge",
                   "g4dn.xlarge", "inf2.xlarge", "inf2.24xlarge", "g6e.12xlarge")
BATCH_TYPES = ("c6i.4xlarge", "m6i.8xlarge", "g5.12xlarge", "g5.xlarge", "g6.4xlarge", "c6i.4xlarge")
FINETUNE_TYPES = ("g5.48xlarge", "p4d.24xlarge", "p4de.24xlarge", "p5.48xlarge", "g6e.12xlarge")
TRAINING_TYPES = ("p5.48xlarge", "p5.48xlarge", "p5e.48xlarge", "p4d.24xlarge", "p4de.24xlarge",
                  "trn1.32xlarge", "trn2.48xlarge")

PROJECTS = ("llm", "vision", "asr", "recsys", "diffusion", "embed", "moe", "code", "robotics", "protein")

SESSION_TYPES = CPU_TYPES + ("g5.xlarge", "g6.xlarge", "g4dn.xlarge")

# How often each kind of group starts. A group's share of the records is this times its
# size (nodes x hours), so these give about: services 30 %, short sessions 15 %, inference
# 25 %, batch 10 %, fine-tuning 5 %, training 15 %. Sessions and batch jobs bring in the
# long tail of small accounts.
KINDS = (("service", 57), ("session", 4900), ("inference", 18), ("batch", 900), ("finetune", 200),
         ("training", 1))


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=6_000_000,
                        help="records to write after the header (default 6000000, about 0.9 GB)")
    parser.add_argument("--out", default="-", help="output file (default: standard output)")
    parser.add_argument("--seed", type=int, default=20260604, help="random seed (default 20260604)")
    args = parser.parse_args(argv)
    if args.rows < 0:
        parser.error("--rows must be zero or more")
    return args


def weighted(rnd, table):
    """Index into a table of (…, weight, …) rows, weight in position 1."""
    total = sum(row[1] for row in table)
    x = rnd() * total
    for i, row in enumerate(table):
        x -= row[1]
        if x < 0:
            return i
    return len(table) - 1


def pick(rnd, seq):
    return seq[int(rnd() * len(seq))]


class Fleet:
    """The running resources and the groups that start them."""

    def __init__(self, seed, target):
        self.rng = random.Random(seed)
        self.rnd = self.rng.random
        self.target = target
        self.resources = 0
        self.clusters = 0
        self.jobs = 0
        rnd = self.rnd
        # each account mostly uses one home region
        self.home_region = [weighted(rnd, REGIONS) for _ in range(ACCOUNTS + 1)]

    def account(self, kind):
        r = self.rnd()
        if kind == "training":
            n = ACCOUNTS // LAB_EVERY
            return (1 + int(n * r * r)) * LAB_EVERY
        if kind in ("session", "batch"):
            return 1 + int(ACCOUNTS * r)
        # long-running fleets belong mostly to a few large accounts: skew towards low numbers
        return 1 + int(ACCOUNTS * r * r)

    def resource_id(self):
        self.resources += 1
        return "i-%017x" % ((self.resources * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & ((1 << 68) - 1))

    def cluster_id(self):
        self.clusters += 1
        return "pg-%08x" % ((self.clusters * 0x2545F491 + 0x6C8E9CF5) & 0xFFFFFFFF)

    def job_id(self, kind, quotable):
        self.jobs += 1
        rnd = self.rnd
        if kind == "training":
            name = "train-%s-%04d" % (pick(rnd, PROJECTS), self.jobs % 10_000)
        elif kind == "finetune":
            name = "ft-%s-%05d" % (pick(rnd, PROJECTS), self.jobs % 100_000)
        else:
            name = "job-%07d" % self.jobs
        if quotable:
            r = rnd()
            if r < 0.06:
                # a job name with a comma and doubled quotes: "sweep ""lr=3e-4"",run-7"
                return '"sweep ""lr=%de-4"",run-%d"' % (1 + int(rnd() * 9), 1 + int(rnd() * 40))
            if r < 0.6:
                return '"%s,run-%d"' % (name, 1 + int(rnd() * 40))
        return name

    def spawn(self, hour):
        """Start one group of resources; return a list of resource rows."""
        rnd = self.rnd
        kind = KINDS[weighted(rnd, KINDS)][0]
        cap = max(1, self.target // 6)
        job = cluster = ""
        if kind == "service":
            itype = pick(rnd, CPU_TYPES)
            nodes = 1 + int(rnd() * rnd() * 6)
            hours = 1 + int(rnd() * rnd() * 1500)
            util_mean, util_spread, metered = 0, 0, False
            egress = 2e7 + rnd() * rnd() * 5e9
        elif kind == "session":
            itype = pick(rnd, SESSION_TYPES)
            nodes = 1
            hours = 1 + int(rnd() * 8)
            util_mean, util_spread, metered = 100 + int(rnd() * 600), 300, rnd() < 0.8
            egress = 1e5 + rnd() * rnd() * 2e9
        elif kind == "inference":
            itype = pick(rnd, INFERENCE_TYPES)
            nodes = 1 + int(rnd() * rnd() * 24)
            hours = 4 + int(rnd() * 700)
            util_mean, util_spread, metered = 150 + int(rnd() * 400), 500, rnd() < 0.85
            egress = 1e9 + rnd() * 4e10
        elif kind == "batch":
            itype = pick(rnd, BATCH_TYPES)
            nodes = 1 + int(rnd() * 8)
            hours = 1 + int(rnd() * 6)
            util_mean, util_spread, metered = 500 + int(rnd() * 400), 200, rnd() < 0.85
            egress = 1e6 + rnd() * 5e8
            # about one batch or fine-tuning job in 200 has a comma in its name
            job = self.job_id(kind, quotable=rnd() < 0.008)
        elif kind == "finetune":
            itype = pick(rnd, FINETUNE_TYPES)
            nodes = 1 + int(rnd() * rnd() * 4)
            hours = 2 + int(rnd() * 46)
            util_mean, util_spread, metered = 600 + int(rnd() * 300), 150, rnd() < 0.9
            egress = 1e6 + rnd() * 2e8
            job = self.job_id(kind, quotable=rnd() < 0.008)
            if nodes > 1:
                cluster = self.cluster_id()
        else:
            itype = pick(rnd, TRAINING_TYPES)
            nodes = 8 + int(rnd() * rnd() * rnd() * 512)
            hours = 24 + int(rnd() * 700)
            util_mean, util_spread, metered = 650 + int(rnd() * 300), 80, rnd() < 0.95
            egress = 1e6 + rnd() * 5e7
            job = self.job_id(kind, quotable=False)
            cluster = self.cluster_id()
        nodes = min(nodes, cap)

        account = self.account(kind)
        region, _, zones = REGIONS[self.home_region[account] if rnd() < 0.9 else weighted(rnd, REGIONS)]
        zone = region + pick(rnd, zones)
        model, count, gbps = INSTANCE_TYPES[itype]
        count = str(count) if model else ""
        if not model:
            metered = False
        # the fleet found running at the first hour started earlier
        first = hour if hour > 0 and rnd() < 0.7 else hour - int(rnd() * hours)
        group = []
        for _ in range(nodes):
            node_zone = "" if rnd() < 0.02 else zone  # zone not reported
            # accelerator fields are sometimes left to the instance catalogue
            node_model, node_count = ("", "") if model and rnd() < 0.12 else (model, count)
            last = first + hours - 1 + (int(rnd() * 3) if kind != "training" else 0)
            group.append([
                # 0: account_id .. accelerator_count, with the trailing comma
                "acct-%06d,%s,%s,%s,%s,%s,%s,%s,%s," % (
                    account, self.resource_id(), job, cluster, region, node_zone, itype, node_model, node_count),
                (util_mean + 300 - util_spread // 2) if metered else -1,   # 1: utilization base (per mille + 300)
                util_spread,                                               # 2
                ("" if rnd() < 0.08 else gbps) + ",",                      # 3: interconnect_gbps,
                -1.0 if rnd() < 0.03 else egress,                          # 4: egress base
                first,                                                     # 5: first hour
                last,                                                      # 6: last hour
            ])
        return group


def hour_strings(n):
    step = datetime.timedelta(hours=1)
    return [(FIRST_HOUR + step * i).strftime("%Y-%m-%dT%H:%M:%SZ") for i in range(n)]


def write(rows, seed, out):
    target = max(1, -(-rows // SPAN_HOURS))
    fleet = Fleet(seed, target)
    rnd = fleet.rnd
    # every hour writes at least `target` records, so SPAN_HOURS hours always suffice
    hours = hour_strings(SPAN_HOURS + 1)
    util = ["%.3f" % (min(1000, max(0, i - 300)) / 1000) for i in range(1601)]

    out.write((COLUMNS + "\n").encode("ascii"))
    active = []
    written = 0
    h = 0
    while written < rows:
        while len(active) < target:
            active.extend(fleet.spawn(h))
        start, end = hours[h], hours[h + 1]
        batch = active if written + len(active) <= rows else active[: rows - written]
        lines = []
        append = lines.append
        for r in batch:
            written += 1
            ub = r[1]
            u = util[ub + int(rnd() * r[2])] if ub >= 0 else ""
            eb = r[4]
            e = str(int(eb * (0.5 + rnd()))) if eb > 0 else ""
            if r[5] == h or r[6] == h:
                # launched or stopped within the hour: the interval is cut at a minute and second
                s, t = start, end
                if r[5] == h and rnd() < 0.4:
                    s = "%s%02d:%02dZ" % (start[:14], int(rnd() * 60), int(rnd() * 60))
                if r[6] == h and rnd() < 0.4:
                    t = "%s%02d:%02dZ" % (start[:14], int(rnd() * 60), int(rnd() * 60))
                    if t <= s:
                        t = end
                append("u-%09d,%s%s,%s,%s,%s%s\n" % (written, r[0], s, t, u, r[3], e))
            else:
                append("u-%09d,%s%s,%s,%s,%s%s\n" % (written, r[0], start, end, u, r[3], e))
        out.write("".join(lines).encode("ascii"))
        active = [r for r in active if r[6] > h]
        h += 1


def main(argv):
    args = parse_args(argv)
    if args.out == "-":
        write(args.rows, args.seed, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with open(args.out, "wb", buffering=1 << 20) as f:
            write(args.rows, args.seed, f)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except BrokenPipeError:
        sys.exit(1)

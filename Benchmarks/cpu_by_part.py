#!/usr/bin/env python3
"""CPU seconds of a `kycwatch run` by part of the pipeline, from a `perf record -g` profile.

Reads `perf script -F tid,ip,sym` output on stdin. Each sample goes to the first part whose
marker (a function of kycwatch) is on its stack; a sample with no marker goes to the part that
owns most of its thread's samples when that part is the reader (zstd's own frames cannot be
unwound), else to "other". Prints one line: part=seconds ..., at the given sampling frequency.
"""
import collections
import re
import sys

# (part, markers): the first part with a marker on the stack takes the sample.
PARTS = [
    ("normalizer", ["InputProcessorV3run"]),
    ("detection_state", ["BackgroundRecordSink"]),
    ("reader", ["ReadAheadCSVReader"]),
    ("evidence", ["EvidenceBuilderC8evidence", "runsOnTwoCores"]),
    ("rules", ["RuleEngine"]),
    ("write", ["ReviewerOutputs", "writeFindings", "writeOutputs", "JSONLinesWriter"]),
    ("teardown", ["BackgroundRelease", "EvidenceBuilderCfD"]),
]


def part_of(stack):
    for part, markers in PARTS:
        if any(marker in frame for frame in stack for marker in markers):
            return part
    return None


def main():
    frequency = float(sys.argv[1]) if len(sys.argv) > 1 else 1000.0
    samples = []  # (tid, part or None)
    tid, stack = None, []

    def flush():
        if stack:
            samples.append((tid, part_of(stack)))

    for line in sys.stdin:
        header = re.match(r"^\s*(\d+)\s*$", line)
        if header or not line.strip():
            flush()
            stack = []
            if header:
                tid = header.group(1)
            continue
        frame = re.match(r"\s*[0-9a-f]+\s+(.*)", line)
        if frame:
            stack.append(frame.group(1))
    flush()

    owner = {}
    by_thread = collections.defaultdict(collections.Counter)
    for thread, part in samples:
        if part:
            by_thread[thread][part] += 1
    for thread, counts in by_thread.items():
        owner[thread] = counts.most_common(1)[0][0]
    totals = collections.Counter()
    for thread, part in samples:
        if part is None:
            part = "reader" if owner.get(thread) == "reader" else "other"
        totals[part] += 1
    names = [part for part, _ in PARTS] + ["other"]
    fields = [f"{name}={totals[name] / frequency:.2f}" for name in names]
    fields.append(f"all={sum(totals.values()) / frequency:.2f}")
    print(" ".join(fields))


if __name__ == "__main__":
    main()

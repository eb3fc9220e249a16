#!/usr/bin/env python3
"""Write an accounts export in kycwatch's native layout for the ids make_usage_csv.py uses.

One row per account `acct-000000` … `acct-099999` (the usage generator draws from these), so a
benchmark of `kycwatch run` joins every usage record to a known customer. Most accounts are
ordinary US customers; about 4 % declare another country, 1 % carry a foreign payment card on a
US declaration, and some lack optional fields, so every rule has work to do. The same --seed
gives byte-identical output.
"""

import argparse
import random
import sys

COLUMNS = (
    "account_id,parent_account_id,created_at,customer_type,legal_name,address_line,city,region,"
    "postal_code,country,headquarters_country,email,phone,payment_method,payment_fingerprint,"
    "payment_country,reseller_id,reseller_country,beneficial_owners,identity_verified,status"
)

ACCOUNTS = 100_000
FOREIGN = (("CN", "+86", "cn"), ("DE", "+49", "de"), ("IN", "+91", "in"), ("SG", "+65", "sg"),
           ("GB", "+44", "uk"), ("RU", "+7", "ru"), ("JP", "+81", "jp"), ("BR", "+55", "br"))
WORDS = ("Acme", "Blue", "River", "Summit", "Nova", "Vertex", "Harbor", "Pine", "Quantum", "Cedar",
         "Atlas", "Orbit", "Maple", "Signal", "Granite", "Lumen")
SUFFIXES = ("LLC", "Inc.", "Labs", "Analytics", "AI", "Systems", "Partners")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=ACCOUNTS, help="accounts to write (default 100000)")
    parser.add_argument("--seed", type=int, default=20260604, help="random seed (default 20260604)")
    args = parser.parse_args(argv)
    rnd = random.Random(args.seed)
    out = sys.stdout
    out.write(COLUMNS + "\n")
    for number in range(args.accounts):
        account = f"acct-{number:06d}"
        organization = rnd.random() < 0.6
        name = f"{WORDS[int(rnd.random() * len(WORDS))]} {WORDS[int(rnd.random() * len(WORDS))]}"
        name += f" {SUFFIXES[int(rnd.random() * len(SUFFIXES))]}" if organization else f" {number}"
        draw = rnd.random()
        country, calling, cctld = ("US", "+1", "com")
        if draw < 0.04:
            country, calling, cctld = FOREIGN[int(rnd.random() * len(FOREIGN))]
        payment_country = country
        if country == "US" and rnd.random() < 0.01:
            payment_country = FOREIGN[int(rnd.random() * len(FOREIGN))][0]
        phone = "" if rnd.random() < 0.1 else f"{calling} 555 {int(rnd.random() * 9_000_000) + 1_000_000}"
        domain = f"{name.split()[0].lower()}{number}.{cctld}" if organization else ("gmail.com" if rnd.random() < 0.5 else f"mail.{cctld}")
        owners = f"{WORDS[number % len(WORDS)]} Holder:{country}" if organization and rnd.random() < 0.3 else ""
        day = 1 + int(rnd.random() * 28)
        out.write(",".join((
            account, "", f"2025-{1 + number % 12:02d}-{day:02d}T12:00:00Z",
            "organization" if organization else "individual", f'"{name}"',
            f"{int(rnd.random() * 900) + 100} Main St", "Springfield", "", f"{int(rnd.random() * 90000) + 10000}",
            country, country if organization and rnd.random() < 0.5 else "",
            f"user{number}@{domain}", phone, "card" if rnd.random() < 0.7 else "invoice",
            f"pf-{int(rnd.random() * 10**12):012d}", payment_country, "", "", owners,
            "true" if rnd.random() < 0.9 else "false", "active",
        )) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])

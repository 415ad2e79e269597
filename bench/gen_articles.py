#!/usr/bin/env python3
"""Writes N made-up articles as JSON files the ingest step reads (ingest.folders): one JSON array per source.

Usage: bench/gen_articles.py N OUT_DIR [--sources 20] [--seed 1]

Every article is distinct (unique URL, titles far below the near-duplicate threshold), dated within the last
48 hours (ingest.replay-dates moves the newest to an hour before the issue), long enough for the prefilter
(min-words), and on the newsletter's topics, so N articles ingested = N articles scored.
"""
import argparse
import json
import os
import random
from datetime import datetime, timedelta, timezone

SUBJECTS = ["Quennell Labs", "Tastgriff", "Orrery Systems", "Bluefin Compute", "Larchmont AI", "Sable Robotics",
            "Helio Chips", "Vantor Data", "Kinetica Research", "Pallas Models", "Ember Inference", "Corvid Cloud",
            "Marlow University", "the EU Commission", "Nordwind Energy", "Atlas Foundry", "Meridian Health",
            "Oakridge Labs", "Tidewater Bank", "Juniper Agents"]
VERBS = ["releases", "raises", "opens", "trains", "cuts", "tests", "buys", "launches", "delays", "open-sources",
         "licenses", "scales", "audits", "doubles", "pauses", "ships", "benchmarks", "rebuilds", "wins", "loses"]
OBJECTS = ["model", "chip", "data center", "robotics arm", "agent platform", "inference service", "GPU cluster",
           "training run", "research lab", "startup fund", "regulation draft", "open source toolkit", "compiler",
           "speech model", "vision system", "battery plant", "trading desk", "search engine", "code assistant",
           "medical scanner"]
DETAILS = ["in Berlin", "for carmakers", "after a long review", "with a new partner", "ahead of schedule",
           "for small firms", "in three countries", "despite objections", "at half the cost", "for hospitals",
           "under new rules", "with open weights", "for farmers", "behind closed doors", "for the public sector",
           "with a twist", "for researchers", "on a tight budget", "in record time", "for schools"]
FILLER = ("The company said the work took {n} months and involved {m} engineers. Analysts expect the decision to "
          "shape how rivals price their products next year. Customers testing an early version reported faster "
          "results and fewer errors, though some said the documentation lagged behind. Regulators have asked for "
          "details on how the system handles personal data. The firm plans a wider release in the spring and "
          "will publish a technical report with its evaluation results. Investors welcomed the news, and the "
          "project's lead said the team would focus next on reliability and cost.")


def article(i, combo, rng, source, published):
    """combo numbers a distinct (subject, verb, object, detail), so no two titles read as the same story."""
    combo, subject = divmod(combo, len(SUBJECTS))
    combo, verb = divmod(combo, len(VERBS))
    detail, obj = divmod(combo, len(OBJECTS))
    subject, verb, obj, detail = SUBJECTS[subject], VERBS[verb], OBJECTS[obj], DETAILS[detail]
    title = "%s %s %s %s (report %d)" % (subject[0].upper() + subject[1:], verb, obj, detail, i)
    body = "%s %s its %s %s, the company said on %s. %s" % (
        subject, verb, obj, detail, published.strftime("%A"), FILLER.format(n=rng.randint(2, 30), m=rng.randint(5, 900)))
    return {"source": source, "title": title, "url": "https://%s.example/news/%d" % (source, i), "author": None,
            "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "summary": "%s %s its %s %s." % (subject, verb, obj, detail), "body": body}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--sources", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    combos = rng.sample(range(len(SUBJECTS) * len(VERBS) * len(OBJECTS) * len(DETAILS)), args.n)
    per_source = {}
    for i in range(args.n):
        source = "bench-outlet-%02d" % (i % args.sources)
        published = now - timedelta(minutes=rng.randint(60, 48 * 60))
        per_source.setdefault(source, []).append(article(i, combos[i], rng, source, published))
    for source, items in per_source.items():
        with open(os.path.join(args.out, source + ".json"), "w", encoding="utf-8") as f:
            json.dump(items, f, indent=1)
    print("%d articles from %d sources in %s" % (args.n, len(per_source), args.out))


if __name__ == "__main__":
    main()

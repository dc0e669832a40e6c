#!/usr/bin/env python3
"""Calibrates the NOT_FOUND threshold (verity.assistant.relevance-threshold) for one collection.

It asks POST /api/search for questions the collection should answer (one per line in a text file, or
the "query" field of a JSONL file) and for questions it should not (a built-in off-topic list, or
--off-topic FILE), and prints, for candidate thresholds, the share of answerable questions that would
be refused and the share of off-topic ones that would be caught. Pick the threshold, then set it:

  curl -u editor:PASSWORD -X PATCH localhost:8080/api/collections/NAME -H 'Content-Type: application/json' \
       -d '{"relevanceThreshold": 0.6}'

Usage: eval/calibrate_threshold.py --base http://localhost:8080 --collection NAME --questions FILE
                                   [--user USER --password PASS | --token KEY]
"""
import argparse
import base64
import json
import urllib.request

OFF_TOPIC = [
    "What is the capital of Australia?", "How do I bake sourdough bread?",
    "Who won the 2018 football world cup?", "What is the best programming language for machine learning?",
    "How tall is Mount Everest?", "Can you recommend a good sci-fi novel?",
    "How do I fix a leaking kitchen faucet?", "What time does the sun set in Paris in June?",
    "How many calories are in a banana?", "What is the plot of Hamlet?",
    "How do I train my puppy to sit?", "What's the exchange rate between euro and yen?",
    "How do I install Python on Windows?", "Which planet has the most moons?",
    "What are good exercises for lower back pain?", "How do I make a cappuccino at home?",
    "Who painted the Mona Lisa?", "What is the speed of light?", "How do I change a bicycle tire?",
    "What are the rules of chess castling?", "How do I reset my router password?",
    "What's a good recipe for vegetarian lasagna?", "How long should I boil an egg?",
    "What is quantum entanglement?", "Which wine goes with salmon?",
    "How do I grow tomatoes on a balcony?", "What is the population of Brazil?",
    "How do I knit a scarf?", "Who invented the telephone?",
    "What is the difference between a virus and bacteria?", "How do I clean a cast iron pan?",
    "What's the best way to learn guitar chords?", "How do solar panels work?",
    "What are the symptoms of a cold?", "How do I write a haiku?", "What are black holes made of?",
    "How do I tie a bowline knot?", "Where do penguins live?",
    "How do I calculate compound interest on savings?", "What is the history of the Roman empire?",
]


def best_similarity(base, collection, question, authorization):
    body = json.dumps({"query": question, "collection": collection, "topK": 6}).encode()
    headers = {"Content-Type": "application/json"}
    if authorization:
        headers["Authorization"] = authorization
    request = urllib.request.Request(base + "/api/search", data=body, headers=headers)
    results = json.loads(urllib.request.urlopen(request).read())["results"]
    similarities = [r["similarity"] for r in results if r.get("similarity") is not None]
    return max(similarities) if similarities else 0.0


def read_questions(path):
    questions = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if line:
                questions.append(json.loads(line)["query"] if line.startswith("{") else line)
    return questions


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://localhost:8080")
    parser.add_argument("--collection", required=True)
    parser.add_argument("--questions", required=True, help="questions the collection answers")
    parser.add_argument("--off-topic", help="questions it should not answer (default: built-in list)")
    parser.add_argument("--user", help="sign in with HTTP Basic as this user (with --password)")
    parser.add_argument("--password")
    parser.add_argument("--token", help="an API key with the read scope (Authorization: Bearer)")
    args = parser.parse_args()
    authorization = None
    if args.token:
        authorization = "Bearer " + args.token
    elif args.user:
        authorization = "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    answerable = sorted(best_similarity(args.base, args.collection, q, authorization)
                        for q in read_questions(args.questions))
    off_topic = sorted(best_similarity(args.base, args.collection, q, authorization)
                       for q in (read_questions(args.off_topic) if args.off_topic else OFF_TOPIC))
    print(f"answerable ({len(answerable)}): lowest {answerable[0]:.3f}, median {answerable[len(answerable) // 2]:.3f}")
    print(f"off-topic ({len(off_topic)}): median {off_topic[len(off_topic) // 2]:.3f}, highest {off_topic[-1]:.3f}")
    print("threshold  answerable refused  off-topic caught")
    for threshold in [0.45, 0.5, 0.55, 0.58, 0.6, 0.62, 0.65, 0.7]:
        refused = sum(s < threshold for s in answerable) / len(answerable)
        caught = sum(s < threshold for s in off_topic) / len(off_topic)
        print(f"{threshold:9.2f}  {refused:17.1%}  {caught:16.1%}")


if __name__ == "__main__":
    main()

"""The shipped ``negative_prob`` on the hand-labelled *test* turns (random and hard) (never used for fitting or
choosing anything) keeps the figures the model card reports, beside the plain baseline in
the same run (needs the shared datasets for the turns' texts; skipped without them).

The full refit (``python -m training.sentiment --negative-score-only``) fits the polarity
head six times (~4 min on 2 cores), too slow for the suite; its pieces are tested in
``test_sentiment_three_training.py``."""

from __future__ import annotations

import numpy as np

from tests.shared_data import requires_shared_data


@requires_shared_data
def test_negative_prob_on_hand_labelled_test_turns_matches_the_model_card():
    from sklearn.metrics import roc_auc_score

    from qa_engine.analyzers.sentiment import SentimentAnalyzer
    from training.sentiment_labels import HARD, load_labels, sample_xs_round8, split_of_turn

    # the random test turns (the hard ones, picked by cue words, are reported apart)
    # round 8's turns (labelled after the card's figures) stay out: their test half is scored
    # only when a round-8 candidate passes on dev (``models/sentiment/ROUND8_RULE.md``)
    r8 = {t.turn for t in sample_xs_round8()}
    turns = [t for t in load_labels() if split_of_turn(t) == "test" and not t.source.endswith(HARD)
             and not (t.source == "xs_30k" and t.turn in r8)]
    texts, agent = [t.text for t in turns], [t.role == "agent" for t in turns]
    y = np.array([t.label for t in turns])
    polar = y != "neutral"
    new = SentimentAnalyzer().negative_probs(texts, agent)
    base = SentimentAnalyzer(family="baseline").negative_probs(texts)

    def auc(mask, s):
        return roc_auc_score(y[mask] == "negative", s[mask])

    everything = np.ones(len(y), bool)
    # with the 720 added random chatbot turns (361 test): 0.9747 / 0.9666 (baseline)
    assert auc(polar, new) >= 0.97 and auc(polar, new) >= auc(polar, base)
    helpdesk = polar & np.array([t.register == "helpdesk" for t in turns])
    assert auc(helpdesk, new) >= 0.98
    # the chatbot register (900 + 720 random XS turns): level with the plain baseline (0.9692 / 0.9668)
    chatbot = polar & np.array([t.register == "chatbot" for t in turns])
    assert auc(chatbot, new) >= 0.965 and auc(chatbot, new) >= auc(chatbot, base) - 0.005
    assert auc(everything, new) >= 0.90 > auc(everything, base)


@requires_shared_data
def test_negative_prob_on_hard_test_turns_matches_the_model_card():
    """The hard test turns (irony, repeat contact, waiting, rhetoric, praise beside negative
    words): the card's figure, ahead of the plain baseline in the same run."""
    from sklearn.metrics import roc_auc_score

    from qa_engine.analyzers.sentiment import SentimentAnalyzer
    from training.sentiment_labels import HARD, load_labels, split_of_turn

    turns = [t for t in load_labels() if split_of_turn(t) == "test" and t.source.endswith(HARD)]
    y = np.array([t.label for t in turns])
    polar = y != "neutral"
    texts = [t.text for t in turns]
    new = SentimentAnalyzer().negative_probs(texts, [t.role == "agent" for t in turns])
    base = SentimentAnalyzer(family="baseline").negative_probs(texts)
    auc_new = roc_auc_score(y[polar] == "negative", new[polar])
    auc_base = roc_auc_score(y[polar] == "negative", base[polar])
    assert auc_new >= 0.94 and auc_new >= auc_base + 0.02, (auc_new, auc_base)

"""English warning signs said sideways: euphemisms for one's own death, and signs whose meaning sits in the next sentence.

Round 4 of issue #18, generalised on held-out set C and the spent sets (never on
held-out set D): "I bought a rope today. I know what it's for." puts the means in
one sentence and the purpose in the next, so these rules (and the means and height
families in :mod:`journal.safety.families_en`) may find their context one
sentence away (``needs_nearby``). A secret kept about finality ("She doesn't know
it's for good") is one sign that, beside giving things away, makes a crisis.
"""

from __future__ import annotations

from journal.safety.rules import rule

RULES = (
    # finality kept secret from the person who took the cat ("She doesn't know it's for good"): one sign that,
    # beside giving things away, makes a crisis
    rule("preparation", "concern",
         r"\b(?:doesn't|don't|didn't|does\s+not|do\s+not|won't|nobody|no\s+one)\s+(?:\w+\s+)?know\s+(?:that\s+)?(?:it's|it\s+is|this\s+is|it\s+was)\s+"
         r"(?:for\s+good|forever|permanent|the\s+last\s+(?:time|goodbye|one))\b", subject_sensitive=False, sign="secret_finality"),
    rule("preparation", "crisis",
         r"\b(?:they|she|he|someone|somebody|mom|mum|dad|my\s+\w+)(?:'ll|\s+will|\s+would|'d)\s+find\s+(?:it|them|the\s+\w+)\s+(?:after|afterwards|later|when|once)\b",
         needs_sentence=r"\b(?:letters?|notes?|video|message|recording|envelopes?)\b", needs_nearby=True,
         unless_sentence=r"\b(?:easter|egg|hunt|surprise|gift|present|birthday|christmas|treasure|scavenger|camp|trip|school|work|vacation|"
                         r"holiday|leave\s+for|shopping|groceries|recipe|fridge)\b", subject_sensitive=False,
         sign="farewell"),
    rule("wish_to_be_dead", "crisis",
         r"\b(?:death|dying|being\s+dead|not\s+waking\s+up|the\s+end)\s+(?:is|feels\s+like|seems\s+like|sounds\s+like)\s+(?:the\s+)?(?:only|one|last)\s+"
         r"thing\s+(?:i'm|i\s+am|i)\s+(?:\w+\s+)?(?:look\w*\s+forward|want|wait\w*\s+for|hop\w*\s+for)", subject_sensitive=False,
         sign="suicidal_ideation"),
    rule("wish_to_be_dead", "crisis", r"\b(?:this|my)\s+life\b.{0,40}?\b(?:want|wanna|going|ready|need|have)\s+to\s+(?:leave|quit|end|exit)\s+it\b",
         unless_sentence=r"\b(?:city|town|job|country|behind|old\s+life|new\s+life|too\s+much\s+to|(?:love|enjoy|like)\s+(?:this|my)\s+life)\b",
         subject_sensitive=False, sign="suicidal_ideation"),
    rule("suicidal_thoughts", "crisis",
         r"\b(?:big|final|permanent)\s+(?:exit|checkout|check-out|sleep)\b(?!\s+(?:interview|survey|ramp|row|door|sign|exam|poll|strategy))|"
         r"\bearly\s+(?:checkout|check-out)\s+from\s+(?:life|this\s+world|everything)\b",
         unless_sentence=r"\b(?:highway|motorway|road|exam|game|movie|film|show|book|hotel|store|shop|sale|airport|lane|ramp|season|series|"
                         r"tournament|match|round|competition|startup|company|investor|market|band|tour|baby|kids?|dog|cat)\b",
         sign="suicidal_ideation"),
)

TRIGGER = r"know|find|thing|life|death|dying|dead|the end|waking|exit|checkout|check-out|\bnap\b|curtain|sleep"

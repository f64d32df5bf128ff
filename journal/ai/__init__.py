"""Every model call in Duet goes through this package: one openai client, many backends.

Where to look:

* ``chat.get_chat(nb_or_home, secrets)`` — the backend the notebook's settings ask for
  (``chat.override_chat`` is the one seam where tests put their scripted ``FakeChat``);
* ``backend`` — the ``ChatBackend`` protocol, ``Sampling`` and the ``ReplyStream`` a reply comes in;
* ``client`` — the openai-package client and the translation of its failures into ``errors``;
* ``embedded`` — the private default: llama.cpp (xllamacpp) serving a GGUF file in this process;
* ``providers`` — provider kinds, presets, settings, keys (looked up, masked, never stored);
* ``prompts`` — ``render_prompt(name, lang, **variables)`` over the files in ``prompts/``;
* ``check`` — the figures behind ``python -m journal ai-check``.

Nothing is imported here, so ``import journal.ai.errors`` stays cheap (no openai, no llama.cpp).
"""

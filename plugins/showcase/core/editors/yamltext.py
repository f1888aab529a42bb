"""Values written into a case file's front matter by our tools (new, import, approve).

One rule for all of them: a value is written plain when YAML reads it back as the same
text in the place it is written, else double-quoted (a JSON string is a YAML
double-quoted scalar). A plain value must also hold no ``#`` (a comment would start) and
no line end. Inside a list (``[a, b]``) more characters have a meaning: a form's
服务对象 written ``空巢老人], "status:", published, "#"`` made the import write a list
that did not parse.
"""

from __future__ import annotations

import json

import yaml


def yaml_scalar(text: str, *, in_list: bool = False) -> str:
    """``text`` as a YAML value that reads back as the same string; ``in_list``: as an
    item of a flow list."""
    if text and text == text.strip() and "#" not in text and "\n" not in text:
        try:
            plain = yaml.safe_load(f"k: [{text}]") == {"k": [text]} if in_list else yaml.safe_load(f"k: {text}") == {"k": text}
        except yaml.YAMLError:
            plain = False
        if plain:
            return text
    return json.dumps(text, ensure_ascii=False)


def yaml_list(items: list[str]) -> str:
    """``[a, b]``, each item written as ``yaml_scalar`` writes it in a list."""
    return "[" + ", ".join(yaml_scalar(item, in_list=True) for item in items) + "]"

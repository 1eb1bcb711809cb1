"""Text prompts from the resolved params (core/previewParams.ts): the node's prompt, then the shot,
scene, characters and style the engine resolved into them. Pure Python, no torch."""


def _join(parts):
    return ", ".join(p.strip().rstrip(".") for p in parts if p and p.strip())


FRAMING_WORDS = {
    "wide": "wide shot", "medium": "medium shot", "close-up": "close-up",
    "extreme-close-up": "extreme close-up", "over-shoulder": "over-the-shoulder shot",
}
TIME_WORDS = {"day": "daylight", "night": "at night", "dawn": "at dawn", "dusk": "at dusk"}


def image_prompt(params, triggers=()):
    """ImageParams → (prompt, negative prompt). `triggers`: LoRA trigger words of the characters."""
    shot, scene, style = params.get("shot"), params.get("scene"), params["style"]
    people = [("%s (%s)" % (c["name"], c["description"])) if c["description"] else c["name"]
              for c in params["characters"]]
    prompt = _join([
        params["prompt"],
        shot and FRAMING_WORDS.get(shot["framing"]),
        shot and shot["action"],
        scene and scene["heading"],
        scene and TIME_WORDS.get(scene["timeOfDay"]),
        ", ".join(people),
        " ".join(triggers),
        style["prompt"],
    ])
    return prompt, _join([params["negativePrompt"], style["negativePrompt"]])


def video_prompt(params):
    camera = {
        "static": "static camera", "push-in": "slow push-in", "pull-out": "slow pull-out",
        "pan-left": "camera pans left", "pan-right": "camera pans right",
        "tilt-up": "camera tilts up", "tilt-down": "camera tilts down",
    }[params["camera"]]
    return _join([params["prompt"], params["framing"] and FRAMING_WORDS[params["framing"]], camera])


def bed_prompt(params):
    """AudioParams (music or ambience) → a text prompt for a music/sound model."""
    style = params.get("style")
    mood = style and _join([style["name"], style["prompt"]])
    kind = "instrumental film score" if params["mode"] == "music" else "ambient background sound, no music"
    return _join([params["text"], kind, mood and "mood: " + mood])

"""Speech for dialogue (AudioParams mode `dialogue`) with Kokoro-82M at every audio tier: at 82 M
parameters it speaks as clearly as models twenty times its size, so the tiers differ in their music
model instead. The character's eSpeak voice name (`en-us+f2`) and rate (words a minute) are what the
canvas stores; Kokoro gets the nearest voice and speed it has (it has no pitch control)."""

# Kokoro's American English voices, by the voice variant's sex (`+f…` / `+m…`), chosen by its number.
KOKORO_VOICES = {"f": ["af_heart", "af_bella"], "m": ["am_michael"]}


def sex_and_index(voice):
    variant = voice.split("+", 1)[1] if "+" in voice else "m1"
    sex = "f" if variant[:1] == "f" else "m"
    digits = "".join(ch for ch in variant if ch.isdigit())
    return sex, int(digits or "1") - 1


def speed(rate):
    """eSpeak's words a minute (175 normal) → a speed factor, kept within what sounds natural."""
    return max(0.6, min(1.6, rate / 175.0))


class Kokoro(object):
    def __init__(self, folder):
        self.folder = folder
        self.files = [folder + "/kokoro-v1_0.pth", folder + "/config.json"]

    def needs(self, params):
        return self.files + [self.voice_file(params["voice"])]

    def voice_file(self, voice):
        sex, index = sex_and_index(voice)
        names = KOKORO_VOICES[sex]
        return "%s/voices/%s.pt" % (self.folder, names[index % len(names)])

    def speak(self, ctx, params):
        import numpy as np
        import torch
        from kokoro import KModel, KPipeline

        torch.manual_seed(ctx.seed)
        model = KModel(repo_id="hexgrad/Kokoro-82M", config=ctx.model_file(self.files[1]),
                       model=ctx.model_file(self.files[0])).eval()
        if torch.cuda.is_available():
            model = model.to("cuda")
        pipeline = KPipeline(lang_code="a", repo_id="hexgrad/Kokoro-82M", model=model)
        pieces = []
        for result in pipeline(params["text"], voice=ctx.model_file(self.voice_file(params["voice"])),
                               speed=speed(params["rate"])):
            pieces.append(result.audio.cpu().numpy() if hasattr(result.audio, "cpu") else result.audio)
            ctx.progress(len(pieces), len(pieces) + 1, "speech")
        return np.concatenate(pieces), 24000

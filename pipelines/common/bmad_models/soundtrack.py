"""The audio model layer every audio tier shares: dialogue → speech model, music/ambience → bed model;
the WAV is padded or trimmed (speech) or looped (beds) to the duration the params ask for."""

from . import prompts


def model_files(speech, bed):
    def needs(job):
        return (speech if job.params["mode"] == "dialogue" else bed).needs(job.params)
    return needs


def generator(speech, bed, names):
    def generate(ctx):
        from .audio import fit_seconds, write_wav

        p = ctx.params
        if p["mode"] == "dialogue":
            samples, rate = speech.speak(ctx, p)
            if p["duration"] is not None:
                samples = fit_seconds(samples, rate, p["duration"])
            name = names[0]
        else:
            samples, rate = bed.compose(ctx, prompts.bed_prompt(p), p["duration"])
            samples = fit_seconds(samples, rate, p["duration"], loop=True)
            name = names[1]
        write_wav(ctx.output("%s.wav" % p["mode"]), samples, rate)
        ctx.progress(3, 3, "save")
        ctx.meta.update(model=name, sampleRate=rate)
    return generate

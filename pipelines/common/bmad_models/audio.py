"""A model's waveform → the output WAV (16-bit PCM), padded or trimmed to the seconds asked for."""

import numpy as np
import soundfile


def fit_seconds(samples, rate, seconds, loop=False):
    """Trim, or pad with silence (speech) / loop with a short crossfade (beds), to `seconds`."""
    samples = np.asarray(samples, dtype=np.float32)
    if samples.ndim < 2:
        samples = samples.reshape(-1)  # mono; stereo stays (frames, channels)
    want = int(round(seconds * rate))
    if len(samples) >= want:
        return samples[:want]
    if not loop or len(samples) == 0:
        pad = np.zeros((want - len(samples),) + samples.shape[1:], dtype=np.float32)
        return np.concatenate([samples, pad])
    fade = min(len(samples) // 4, int(0.5 * rate))
    out = samples.copy()
    while len(out) < want:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32).reshape((-1,) + (1,) * (samples.ndim - 1))
        joined = out[-fade:] * (1 - ramp) + samples[:fade] * ramp if fade else samples[:0]
        out = np.concatenate([out[: len(out) - fade], joined, samples[fade:]])
    return out[:want]


def write_wav(path, samples, rate):
    peak = float(np.max(np.abs(samples))) if len(samples) else 0.0
    if peak > 1.0:
        samples = samples / peak
    soundfile.write(path, samples, rate, subtype="PCM_16", format="WAV")

"""PNG, WAV and safetensors files from plain Python (zlib, wave, json), for the stand-in's outputs."""

import array
import json
import math
import struct
import sys
import wave
import zlib


def write_png(path, width, height, rows):
    """rows: `height` RGB rows of width*3 bytes each (an iterable)."""
    raw = b"".join(b"\x00" + row for row in rows)
    if len(raw) != height * (width * 3 + 1):
        raise ValueError("PNG rows do not make %dx%d RGB" % (width, height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def is_png(path):
    with open(path, "rb") as f:
        return f.read(8) == b"\x89PNG\r\n\x1a\n"


def write_wav(path, rate, samples):
    """samples: floats in [-1, 1], mono, written as 16-bit PCM."""
    pcm = array.array("h", (int(max(-1.0, min(1.0, s)) * 32767) for s in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


def tone(rate, seconds, frequency, gain=0.3):
    """A sine with 10 ms fades, so cuts between test tones do not click."""
    n = max(1, int(round(rate * seconds)))
    fade = max(1, int(rate * 0.01))
    for i in range(n):
        edge = min(1.0, i / fade, (n - 1 - i) / fade)
        yield gain * edge * math.sin(2 * math.pi * frequency * i / rate)


def hex_rgb(color):
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def rgb_yuv(rgb):
    """BT.601 limited range, the range H.264 players assume without colour tags."""
    r, g, b = rgb
    y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255
    u = 128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255
    v = 128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255
    return tuple(int(round(c)) for c in (y, u, v))


def write_safetensors(path, shapes, metadata):
    """Zero float32 tensors of the given shapes, in the safetensors layout (8-byte header length,
    JSON header padded to 8 bytes, then the data), with string metadata."""
    header, offset = {"__metadata__": metadata}, 0
    for name, shape in shapes.items():
        size = 4
        for n in shape:
            size *= n
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"\0" * offset)

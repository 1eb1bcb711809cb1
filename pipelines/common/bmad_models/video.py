"""Frames → H.264 MP4 with ffmpeg (the binary imageio-ffmpeg pins in the image), at the job's size
and frame rate: the edit downstream expects yuv420p at format.width × format.height."""

import subprocess


def write_mp4(path, frames, width, height, fps):
    """frames: PIL images (any size: scaled to width × height, the aspect ratio kept by cropping)."""
    import imageio_ffmpeg

    cmd = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "%dx%d" % (width, height), "-r", str(fps), "-i", "-",
        "-an", "-c:v", "libx264", "-preset", "medium", "-crf", "17", "-pix_fmt", "yuv420p",
        "-movflags", "+faststart", "-f", "mp4", path,
    ]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    try:
        for frame in frames:
            proc.stdin.write(fit(frame.convert("RGB"), width, height).tobytes())
    finally:
        proc.stdin.close()
        code = proc.wait()
    if code != 0:
        raise RuntimeError("ffmpeg could not encode %s (exit %d)" % (path, code))


def fit(image, width, height):
    from PIL import ImageOps

    return ImageOps.fit(image, (width, height))


def retime(frames, source_fps, fps, seconds):
    """The model's frames at its own rate → frames at `fps` for `seconds` (nearest frame; the last
    one holds when the model made fewer seconds than the shot lasts)."""
    count = max(1, int(round(seconds * fps)))
    return [frames[min(len(frames) - 1, int(i * source_fps / fps))] for i in range(count)]

#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and answers its prompts as a person would: each answer
is typed only once its prompt has appeared (a password prompt flushes what was typed ahead).

  answer_on_tty.py PROMPT ANSWER [PROMPT ANSWER ...] -- COMMAND [ARG ...]

Prints everything the terminal showed; exits with the command's exit status.
"""
import os
import pty
import sys


def main():
    split = sys.argv.index("--")
    pairs = sys.argv[1:split]
    command = sys.argv[split + 1:]
    dialogue = list(zip(pairs[0::2], pairs[1::2]))
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    shown = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the command closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        if dialogue and dialogue[0][0].encode() in shown.split(b"\n")[-1]:
            os.write(fd, dialogue.pop(0)[1].encode() + b"\n")
    sys.stdout.write(shown.decode(errors="replace"))
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()

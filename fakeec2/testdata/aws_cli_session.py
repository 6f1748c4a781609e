"""Runs AWS CLI commands one after another in one Python process: the aws script's own
awscli.clidriver, loaded once, rather than a new interpreter (and a new load of botocore's
models) per command.

Each line of stdin is a JSON list of arguments, as they follow `aws` on a command line; for
each, one JSON line goes to file descriptor 3: {"stdout": ..., "stderr": ..., "rc": ...}, the
exit status the command would have had. The process ends when stdin closes.
"""
import contextlib
import io
import json
import os
import sys

import awscli.clidriver

replies = os.fdopen(3, "w")
driver = awscli.clidriver.create_clidriver()
for line in sys.stdin:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = driver.main(json.loads(line))
        except SystemExit as e:  # argparse's usage errors exit
            rc = e.code if isinstance(e.code, int) else 1
    replies.write(json.dumps({"stdout": out.getvalue(), "stderr": err.getvalue(), "rc": rc}) + "\n")
    replies.flush()

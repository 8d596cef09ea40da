"""Resolve AWS credentials the way every botocore-based tool does, and print what was found as JSON.

Usage: botocore_credentials.py [PROFILE]
Only credential resolution runs: no AWS request is made. The provider chain is botocore's own, so
the result shows whether `credential_process` or the container variables were used ("method").
"""
import json
import sys

import botocore.session


def main():
    session = botocore.session.get_session()
    if len(sys.argv) > 1:
        session.set_config_variable("profile", sys.argv[1])
    credentials = session.get_credentials()
    if credentials is None:
        print("botocore found no credentials", file=sys.stderr)
        return 1
    frozen = credentials.get_frozen_credentials()
    print(json.dumps({
        "method": credentials.method,
        "access_key": frozen.access_key,
        "secret_key": frozen.secret_key,
        "token": frozen.token,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Ask ECR for a registry password with boto3 or with botocore alone, credentials from their own
default chain (environment, profile with credential_process, container variables).

Usage: ecr_token.py boto3|botocore ENDPOINT REGION
Prints the authorization token, then the library's version.
"""
import sys

import botocore
import botocore.session
from botocore.config import Config


def main():
    library, endpoint, region = sys.argv[1:4]
    config = Config(retries={"max_attempts": 1})
    if library == "boto3":
        import boto3
        client = boto3.client("ecr", region_name=region, endpoint_url=endpoint, config=config)
        version = "boto3 %s botocore %s" % (boto3.__version__, botocore.__version__)
    else:
        client = botocore.session.get_session().create_client(
            "ecr", region_name=region, endpoint_url=endpoint, config=config)
        version = "botocore %s" % botocore.__version__
    answer = client.get_authorization_token()
    print(answer["authorizationData"][0]["authorizationToken"])
    print(version)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sign-in (USER_PASSWORD_AUTH), refresh and identity-pool exchange with botocore against local-cognito.

Input from the environment (never arguments, so no password shows in a process list):
LOCAL_COGNITO_ENDPOINT, USER_POOL_ID, CLIENT_ID, IDENTITY_POOL_ID, COGNITO_USERNAME, COGNITO_PASSWORD.
Prints one JSON line and exits 0 on success; prints "<ErrorCode>: <message>" and exits 1 on a service error.
"""
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main():
    env = os.environ
    endpoint = env["LOCAL_COGNITO_ENDPOINT"]
    config = Config(retries={"max_attempts": 1})
    session = boto3.session.Session(aws_access_key_id="AKIDLOCALCOGNITO0000",
                                    aws_secret_access_key="dummy", region_name="us-east-2")
    idp = session.client("cognito-idp", endpoint_url=endpoint, config=config)
    identity = session.client("cognito-identity", endpoint_url=endpoint, config=config)
    try:
        signed_in = idp.initiate_auth(ClientId=env["CLIENT_ID"], AuthFlow="USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": env["COGNITO_USERNAME"],
                                                      "PASSWORD": env["COGNITO_PASSWORD"]})
        refresh_token = signed_in["AuthenticationResult"]["RefreshToken"]
        refreshed = idp.initiate_auth(ClientId=env["CLIENT_ID"], AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": refresh_token})
        id_token = refreshed["AuthenticationResult"]["IdToken"]
        provider = "cognito-idp.us-east-2.amazonaws.com/" + env["USER_POOL_ID"]
        logins = {provider: id_token}
        identity_id = identity.get_id(IdentityPoolId=env["IDENTITY_POOL_ID"], Logins=logins)["IdentityId"]
        credentials = identity.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]
    except ClientError as error:
        print(f"{error.response['Error']['Code']}: {error.response['Error']['Message']}")
        return 1
    print(json.dumps({"identityId": identity_id, "accessKeyId": credentials["AccessKeyId"],
                      "expiration": credentials["Expiration"].isoformat()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The boto3 client every scenario uses: one service of the gateway under test, in us-east-1."""
import boto3

REGION = "us-east-1"


def gateway_client(service, endpoint, key, secret):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
    )

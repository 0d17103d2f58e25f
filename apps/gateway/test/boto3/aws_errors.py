"""What the boto3 scenarios record of an AWS error: its code, message and HTTP status."""
from botocore.exceptions import ClientError


def error_of(call):
    try:
        call()
        return None
    except ClientError as error:
        return {
            "code": error.response["Error"]["Code"],
            "message": error.response["Error"]["Message"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        }

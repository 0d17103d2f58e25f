"""Drives the gateway with boto3 and prints, as JSON, the code, message and status of each AWS
error it provokes: SQS over JSON and over Query, SNS (Query) and KMS (JSON).

botocore ships SQS as JSON only, so the Query client loads the same model switched to the Query
protocol with SQS's Query member names (flattened lists and maps); its requests are what older
botocore sent.

Usage: python3 wire_errors.py <endpoint> <access key> <secret>
"""
import copy
import json
import sys

import boto3
import botocore.session
from aws_errors import error_of
from gateway_client import REGION, gateway_client

endpoint, key, secret = sys.argv[1:4]

# SQS Query names of the list and map members the cases below send.
QUERY_NAMES = {
    ("SendMessageBatchRequest", "Entries"): "SendMessageBatchRequestEntry",
    ("SetQueueAttributesRequest", "Attributes"): "Attribute",
    ("CreateQueueRequest", "Attributes"): "Attribute",
}


def query_model(session):
    model = copy.deepcopy(session.get_service_data("sqs"))
    model["metadata"]["protocol"] = "query"
    model["metadata"]["protocols"] = ["query"]
    shapes = model["shapes"]
    for (structure, member), name in QUERY_NAMES.items():
        ref = shapes[structure]["members"][member]
        ref["locationName"] = name
        target = shapes[ref["shape"]]
        target["flattened"] = True
        if target["type"] == "map":
            target["key"]["locationName"] = "Name"
            target["value"]["locationName"] = "Value"
    for name, operation in model["operations"].items():
        if "output" in operation:
            operation["output"]["resultWrapper"] = f"{name}Result"
    return model


def sqs_client(protocol):
    session = botocore.session.get_session()
    if protocol == "query":
        loader = session.get_component("data_loader")
        patched = query_model(session)
        original = loader.load_service_model

        def load(service_name, type_name, api_version=None):
            if service_name == "sqs" and type_name == "service-2":
                return patched
            return original(service_name, type_name, api_version)

        loader.load_service_model = load
    return boto3.Session(botocore_session=session).client(
        "sqs",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
    )


def client(service, access_key=key, secret_key=secret):
    return gateway_client(service, endpoint, access_key, secret_key)


setup = client("sqs")
standard = setup.create_queue(QueueName="boto-std")["QueueUrl"]
fifo = setup.create_queue(QueueName="boto.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
out = {}
for protocol in ("json", "query"):
    sqs = sqs_client(protocol)
    out[protocol] = {
        "protocol": sqs.meta.service_model.protocol,
        "nonexistentQueue": error_of(lambda: sqs.get_queue_url(QueueName="nope")),
        "emptyBatch": error_of(lambda: sqs.send_message_batch(QueueUrl=standard, Entries=[])),
        "fifoDelay": error_of(
            lambda: sqs.send_message(
                QueueUrl=fifo,
                MessageBody="x",
                MessageGroupId="g",
                MessageDeduplicationId="d",
                DelaySeconds=5,
            )
        ),
        "invalidAttributeValue": error_of(
            lambda: sqs.set_queue_attributes(
                QueueUrl=standard, Attributes={"VisibilityTimeout": "99999"}
            )
        ),
        "unknownAttribute": error_of(
            lambda: sqs.set_queue_attributes(QueueUrl=standard, Attributes={"Bogus": "1"})
        ),
    }

out["nonexistentTopic"] = error_of(
    lambda: client("sns").publish(TopicArn="arn:aws:sns:us-east-1:000000000000:nope", Message="x")
)
kms = client("kms")
out["kmsNotFound"] = error_of(
    lambda: kms.describe_key(KeyId="11111111-2222-3333-4444-555555555555")
)
created = kms.create_key()["KeyMetadata"]
kms.disable_key(KeyId=created["KeyId"])
out["kmsDisabledArn"] = created["Arn"]
out["kmsDisabled"] = error_of(lambda: kms.encrypt(KeyId=created["KeyId"], Plaintext=b"x"))
out["unknownKey"] = error_of(
    lambda: client("sqs", "AKIDSTRANGER", "x").get_queue_url(QueueName="boto-std")
)
out["wrongSecret"] = error_of(
    lambda: client("sqs", key, "not-the-secret").get_queue_url(QueueName="boto-std")
)
print(json.dumps(out))

"""botocore clients for both SQS protocols.

Current botocore speaks SQS JSON 1.0. Older botocore (< 1.31.81, e.g. boto3 1.26 in the wild)
spoke SQS Query with the same operations; its model differed only in the protocol and in the
Query member names of flattened lists and maps. `sqs_client("query", ...)` rebuilds that model
from the installed one, so one botocore drives both wire forms.
"""
import copy

import boto3
import botocore.session

# List shape -> the Query name of its members (botocore's SQS Query model, 1.32.6).
LIST_MEMBER_NAMES = {
    "AttributeNameList": "AttributeName",
    "MessageAttributeNameList": "MessageAttributeName",
    "MessageSystemAttributeList": "AttributeName",
    "SendMessageBatchRequestEntryList": "SendMessageBatchRequestEntry",
    "DeleteMessageBatchRequestEntryList": "DeleteMessageBatchRequestEntry",
    "ChangeMessageVisibilityBatchRequestEntryList": "ChangeMessageVisibilityBatchRequestEntry",
    "SendMessageBatchResultEntryList": "SendMessageBatchResultEntry",
    "DeleteMessageBatchResultEntryList": "DeleteMessageBatchResultEntry",
    "ChangeMessageVisibilityBatchResultEntryList": "ChangeMessageVisibilityBatchResultEntry",
    "BatchResultErrorEntryList": "BatchResultErrorEntry",
    "ListMessageMoveTasksResultEntryList": "ListMessageMoveTasksResultEntry",
    "MessageList": "Message",
    "QueueUrlList": "QueueUrl",
    "TagKeyList": "TagKey",
    "AWSAccountIdList": "AWSAccountId",
    "ActionNameList": "ActionName",
}
# Map shape -> (Query name of the member holding it, key name, value name).
MAP_NAMES = {
    "QueueAttributeMap": ("Attribute", "Name", "Value"),
    "MessageSystemAttributeMap": ("Attribute", "Name", "Value"),
    "MessageBodyAttributeMap": ("MessageAttribute", "Name", "Value"),
    "MessageBodySystemAttributeMap": ("MessageSystemAttribute", "Name", "Value"),
    "TagMap": ("Tag", "Key", "Value"),
}


def _query_model(json_model):
    model = copy.deepcopy(json_model)
    model["metadata"]["protocol"] = "query"
    model["metadata"]["protocols"] = ["query"]
    shapes = model["shapes"]
    for name, member_name in LIST_MEMBER_NAMES.items():
        if name in shapes:
            shapes[name]["flattened"] = True
            shapes[name]["member"]["locationName"] = member_name
    for name, (_, key, value) in MAP_NAMES.items():
        if name in shapes:
            shapes[name]["flattened"] = True
            shapes[name]["key"]["locationName"] = key
            shapes[name]["value"]["locationName"] = value
    for shape in shapes.values():
        for member in shape.get("members", {}).values():
            target = member["shape"]
            if target in MAP_NAMES:
                member["locationName"] = MAP_NAMES[target][0]
            elif target in LIST_MEMBER_NAMES:
                member["locationName"] = LIST_MEMBER_NAMES[target]
    for name, operation in model["operations"].items():
        if "output" in operation:
            operation["output"]["resultWrapper"] = f"{name}Result"
    return model


def sqs_client(protocol, endpoint, region, key="AKIDCOMPAT", secret="compat-secret"):
    session = botocore.session.get_session()
    if protocol == "query":
        loader = session.get_component("data_loader")
        load = loader.load_service_model

        def load_query_model(service_name, type_name, api_version=None):
            loaded = load(service_name, type_name, api_version)
            if service_name == "sqs" and type_name == "service-2":
                return _query_model(loaded)
            return loaded

        loader.load_service_model = load_query_model
    return boto3.Session(botocore_session=session).client(
        "sqs",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
    )

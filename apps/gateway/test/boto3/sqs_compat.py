"""SQS compatibility cases driven by boto3 over both SQS protocols (JSON 1.0 and Query).

Usage: python3 sqs_compat.py <endpoint> <run id>
Prints {"json": {case: outcome}, "query": {case: outcome}} as JSON; the test asserts each
outcome against the SQS API reference statement the case names.
"""
import json
import sys

from aws_errors import error_of
from sqs_query_model import sqs_client

endpoint, run_id = sys.argv[1:3]


def run(protocol):
    sqs = sqs_client(protocol, endpoint, "us-east-1")
    sent_content_types = []
    sqs.meta.events.register(
        "before-send.sqs.*",
        lambda request, **_: sent_content_types.append(request.headers.get("Content-Type", b"").decode()
                                                       if isinstance(request.headers.get("Content-Type"), bytes)
                                                       else request.headers.get("Content-Type")),
    )
    out = {}
    name = f"compat-{protocol}-{run_id}"

    # DeleteMessage: "if you don't provide the most recently received receipt handle for the
    # message, the request will still succeed, but the message might not be deleted".
    url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "0"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="m")
    first = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
    second = sqs.receive_message(QueueUrl=url, VisibilityTimeout=60)["Messages"][0]["ReceiptHandle"]
    out["staleDelete"] = error_of(lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle=first))
    out["depthAfterStaleDelete"] = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]["ApproximateNumberOfMessagesNotVisible"]
    batch = sqs.delete_message_batch(
        QueueUrl=url,
        Entries=[{"Id": "stale", "ReceiptHandle": first}, {"Id": "current", "ReceiptHandle": second}],
    )
    out["staleDeleteBatch"] = {
        "successful": sorted(e["Id"] for e in batch.get("Successful", [])),
        "failed": batch.get("Failed", []),
    }
    # ChangeMessageVisibility on a deleted message: its own code and text.
    out["staleVisibility"] = error_of(
        lambda: sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=second, VisibilityTimeout=5)
    )
    visibility = sqs.change_message_visibility_batch(
        QueueUrl=url, Entries=[{"Id": "gone", "ReceiptHandle": second, "VisibilityTimeout": 5}]
    )
    out["staleVisibilityBatch"] = visibility.get("Failed", [])
    out["staleHandle"] = second
    # ReceiptHandleIsInvalid: "The specified receipt handle isn't valid."
    out["malformedHandle"] = error_of(lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle="garbage"))

    # SendMessage DelaySeconds: FIFO queues take no per-message delay; 0 is the default.
    fifo = sqs.create_queue(
        QueueName=f"{name}.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"}
    )["QueueUrl"]
    out["fifoDelayZero"] = error_of(
        lambda: sqs.send_message(QueueUrl=fifo, MessageBody="a", MessageGroupId="g", DelaySeconds=0)
    )
    out["fifoDelayFive"] = error_of(
        lambda: sqs.send_message(QueueUrl=fifo, MessageBody="b", MessageGroupId="g", DelaySeconds=5)
    )

    # AddPermission "generates a policy for you"; RemovePermission takes the statement out.
    sqs.add_permission(QueueUrl=url, Label="AliceSendMessage", AWSAccountIds=["111111111111"],
                       Actions=["SendMessage"])
    sqs.add_permission(QueueUrl=url, Label="Readers", AWSAccountIds=["111111111111", "222222222222"],
                       Actions=["ReceiveMessage", "DeleteMessage"])
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy", "QueueArn"])["Attributes"]
    out["policy"] = json.loads(attributes["Policy"])
    out["queueArn"] = attributes["QueueArn"]
    out["duplicateLabel"] = error_of(lambda: sqs.add_permission(
        QueueUrl=url, Label="Readers", AWSAccountIds=["111111111111"], Actions=["*"]))
    out["eightActions"] = error_of(lambda: sqs.add_permission(
        QueueUrl=url, Label="Many", AWSAccountIds=["111111111111"],
        Actions=["ChangeMessageVisibility", "DeleteMessage", "GetQueueAttributes", "GetQueueUrl",
                 "ListDeadLetterSourceQueues", "PurgeQueue", "ReceiveMessage", "SendMessage"]))
    out["ownerOnlyAction"] = error_of(lambda: sqs.add_permission(
        QueueUrl=url, Label="Owner", AWSAccountIds=["111111111111"], Actions=["SetQueueAttributes"]))
    out["noAccounts"] = error_of(lambda: sqs.add_permission(
        QueueUrl=url, Label="Nobody", AWSAccountIds=[], Actions=["SendMessage"]))
    sqs.remove_permission(QueueUrl=url, Label="AliceSendMessage")
    sqs.remove_permission(QueueUrl=url, Label="Readers")
    out["policyAfterRemove"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"]).get(
        "Attributes", {}).get("Policy")
    out["unknownLabel"] = error_of(lambda: sqs.remove_permission(QueueUrl=url, Label="Readers"))

    # TagQueue: "A maximum of 50 tags can be added to a queue"; the request must carry Tags.
    out["emptyTags"] = error_of(lambda: sqs.tag_queue(QueueUrl=url, Tags={}))
    sqs.tag_queue(QueueUrl=url, Tags={f"k{i}": "v" for i in range(50)})
    out["fiftyFirstTag"] = error_of(lambda: sqs.tag_queue(QueueUrl=url, Tags={"one-more": "v"}))
    out["tagCount"] = len(sqs.list_queue_tags(QueueUrl=url)["Tags"])
    # GetQueueUrl QueueOwnerAWSAccountId: "the account ID of the account that created the queue".
    out["otherOwner"] = error_of(lambda: sqs.get_queue_url(QueueName=name, QueueOwnerAWSAccountId="999999999999"))

    # Regions: "Amazon SQS queues are regional"; a queue URL names the endpoint the client used.
    west = sqs_client(protocol, endpoint, "eu-west-1")
    west_url = west.create_queue(QueueName=f"{name}-west")["QueueUrl"]
    out["westUrl"] = west_url
    out["westArn"] = west.get_queue_attributes(QueueUrl=west_url, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    out["westFromEast"] = error_of(lambda: sqs.get_queue_url(QueueName=f"{name}-west"))
    out["eastListsWest"] = any(u.endswith(f"{name}-west") for u in sqs.list_queues(
        QueueNamePrefix=name).get("QueueUrls", []))
    out["contentTypes"] = sorted(set(sent_content_types))
    return out


print(json.dumps({"json": run("json"), "query": run("query")}))

"""Drives the gateway's SNS endpoint with boto3 and prints what it saw as JSON.

Usage: python3 sns_scenario.py <endpoint> <access key> <secret> <webhook url>
"""
import json
import sys
import urllib.request

from aws_errors import error_of
from gateway_client import gateway_client

endpoint, key, secret, webhook = sys.argv[1:5]


sns = gateway_client("sns", endpoint, key, secret)
sqs = gateway_client("sqs", endpoint, key, secret)
out = {}


topic = sns.create_topic(Name="boto-topic", Tags=[{"Key": "team", "Value": "ward"}])["TopicArn"]
fifo_topic = sns.create_topic(Name="boto-topic.fifo", Attributes={"FifoTopic": "true"})["TopicArn"]
queue_url = sqs.create_queue(QueueName="boto-q")["QueueUrl"]
fifo_queue_url = sqs.create_queue(QueueName="boto-q.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
queue_arn = "arn:aws:sqs:us-east-1:000000000000:boto-q"
fifo_queue_arn = "arn:aws:sqs:us-east-1:000000000000:boto-q.fifo"

out["tags"] = sns.list_tags_for_resource(ResourceArn=topic)["Tags"]
sns.tag_resource(ResourceArn=topic, Tags=[{"Key": "cost", "Value": "7"}])
sns.untag_resource(ResourceArn=topic, TagKeys=["team"])
out["tagsAfter"] = sns.list_tags_for_resource(ResourceArn=topic)["Tags"]
out["tagMissing"] = error_of(
    lambda: sns.list_tags_for_resource(ResourceArn=topic + "-missing")
)
out["byUrl"] = error_of(
    lambda: sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_url)
)
out["fifoQueueOnStandardTopic"] = error_of(
    lambda: sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=fifo_queue_arn)
)
out["standardQueueOnFifoTopic"] = sns.subscribe(
    TopicArn=fifo_topic, Protocol="sqs", Endpoint=queue_arn, ReturnSubscriptionArn=True
)["SubscriptionArn"].startswith(fifo_topic + ":")
out["notYetAQueue"] = sns.subscribe(
    TopicArn=topic,
    Protocol="sqs",
    Endpoint="arn:aws:sqs:us-east-1:000000000000:boto-later",
)["SubscriptionArn"].startswith(topic + ":")
out["lambda"] = error_of(
    lambda: sns.subscribe(
        TopicArn=topic,
        Protocol="lambda",
        Endpoint="arn:aws:lambda:us-east-1:000000000000:function:f",
    )
)

sns.add_permission(
    TopicArn=topic, Label="partner", AWSAccountId=["111122223333"], ActionName=["Publish"]
)
out["duplicateLabel"] = error_of(
    lambda: sns.add_permission(
        TopicArn=topic, Label="partner", AWSAccountId=["111122223333"], ActionName=["Publish"]
    )
)
attributes = sns.get_topic_attributes(TopicArn=topic)["Attributes"]
out["sids"] = [s["Sid"] for s in json.loads(attributes["Policy"])["Statement"]]
sns.remove_permission(TopicArn=topic, Label="partner")
out["sidsAfter"] = [
    s["Sid"]
    for s in json.loads(sns.get_topic_attributes(TopicArn=topic)["Attributes"]["Policy"])[
        "Statement"
    ]
]
out["attributeNames"] = sorted(attributes.keys())

pending = sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=webhook)["SubscriptionArn"]
out["pending"] = pending
out["badToken"] = error_of(lambda: sns.confirm_subscription(TopicArn=topic, Token="0" * 32))
print(json.dumps(out))

"""A PySpark job on the Weld extension: nothing Weld-specific but the session configuration.

spark-submit --jars spark-weld-bundle-<version>.jar \
  --conf spark.sql.extensions=dev.sparkweld.spark.WeldExtensions examples/pyspark/weld_pyspark.py
"""
import tempfile

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.appName("weld-pyspark-example").getOrCreate()

path = tempfile.mkdtemp(prefix="weld-pyspark-") + "/orders"
(spark.range(0, 1_000_000)
 .selectExpr("id", "id % 10 AS region", "CAST(id % 997 AS DOUBLE) * 1.5 AS price", "id % 4 AS qty")
 .write.parquet(path))

revenue = (spark.read.parquet(path)
           .where((F.col("qty") > 0) & (F.col("price") < 1000))
           .withColumn("revenue", F.col("price") * F.col("qty"))
           .groupBy("region")
           .agg(F.sum("revenue").alias("revenue"), F.count("*").alias("orders"))
           .orderBy("region"))

revenue.show()
# Each WeldStage appears with its Weld program; nodes left to Spark carry their reason (weld.fallback).
revenue.explain(mode="formatted")
spark.stop()

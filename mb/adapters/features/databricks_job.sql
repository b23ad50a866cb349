-- Daily features in the lakehouse: `student_daily_features` for one programme day, the same
-- figures MB Compass computes locally (their meaning: mb/domain/model/daily_features.py).
--
-- Run it as a Databricks SQL job (a SQL file task on a SQL warehouse), nightly once the mirrors
-- of the app's tables have refreshed, in the schema that holds those mirrors. Parameters:
--   feature_date        DATE  the programme day to compute, usually the one that just ended
--   utc_offset_minutes  INT   the UTC offset of the programme's zone (MB_TIMEZONE) on that day,
--                             330 for Asia/Kolkata
-- Running it again for a day replaces that day's rows, so a failed night is fixed by a rerun
-- and a backfill is one run per day. The first run creates the table. The app reads the table
-- named by MB_DATABRICKS_FEATURES_TABLE and syncs the rows newer than its watermark
-- (feature_timestamp).
--
-- Parameter markers are not allowed inside a view, so they are copied into session variables
-- first. The view computes, the statements after it store: a test runs the view on its own.

SET TIME ZONE 'UTC';

DECLARE OR REPLACE VARIABLE feature_day DATE;
DECLARE OR REPLACE VARIABLE offset_minutes INT;
DECLARE OR REPLACE VARIABLE day_ends_at TIMESTAMP;

SET VAR feature_day = CAST(:feature_date AS DATE);
SET VAR offset_minutes = CAST(:utc_offset_minutes AS INT);
-- "Before the end of D" is before the programme's next midnight, taken in UTC like every stored time.
SET VAR day_ends_at = timestampadd(MINUTE, -offset_minutes, CAST(date_add(feature_day, 1) AS TIMESTAMP));

CREATE OR REPLACE TEMPORARY VIEW daily_features_today AS
WITH youth AS (
    SELECT id AS user_id,
           CAST(timestampadd(MINUTE, offset_minutes, created_at) AS DATE) AS registered_on
    FROM mb_users
    WHERE role = 'youth' AND is_active AND created_at < day_ends_at
),
assignments AS (
    SELECT user_id,
           COUNT(*) AS modules_assigned,
           COUNT_IF(started_at < day_ends_at) AS modules_started,
           COUNT_IF(completed_at < day_ends_at) AS modules_completed,
           AVG(CASE
                   WHEN completed_at < day_ends_at THEN 100.0D
                   WHEN started_at < day_ends_at THEN CAST(LEAST(progress, 99) AS DOUBLE)
                   ELSE 0.0D
               END) AS avg_completion
    FROM learning_modules
    WHERE assigned_at < day_ends_at AND status <> 'inactive'
    GROUP BY user_id
),
event_days AS (
    SELECT user_id,
           CAST(timestampadd(MINUTE, offset_minutes, at) AS DATE) AS active_on,
           BOOL_OR(kind IN ('progress', 'quiz_attempt', 'completion')) AS learned
    FROM activity_events
    WHERE at < day_ends_at
    GROUP BY 1, 2
),
activity AS (
    SELECT user_id,
           MAX(active_on) AS last_active_on,
           COUNT_IF(active_on >= date_sub(feature_day, 6)) AS active_days_7,
           COUNT_IF(active_on >= date_sub(feature_day, 29)) AS active_days_30
    FROM event_days
    GROUP BY user_id
),
-- Consecutive learning days share one value of (day - its rank): each value is one run.
learning_runs AS (
    SELECT user_id,
           active_on,
           date_sub(active_on, CAST(ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY active_on) AS INT)) AS run
    FROM event_days
    WHERE learned
),
streaks AS (
    -- Only the latest run can reach D-1: the streak lives until a whole day passes without learning.
    SELECT user_id, COUNT(*) AS streak_days
    FROM learning_runs
    GROUP BY user_id, run
    HAVING MAX(active_on) >= date_sub(feature_day, 1)
),
quizzes AS (
    SELECT user_id, COUNT(*) AS quiz_attempts
    FROM quiz_attempts
    WHERE at < day_ends_at
    GROUP BY user_id
),
points AS (
    SELECT user_id, SUM(amount) AS points
    FROM points_ledger
    WHERE at < day_ends_at
    GROUP BY user_id
),
badges AS (
    SELECT user_id, COUNT(*) AS badges_earned
    FROM user_badges
    WHERE earned_at < day_ends_at
    GROUP BY user_id
),
surveys AS (
    SELECT invitation.youth_id AS user_id,
           COUNT_IF((invitation.completed_at IS NULL OR invitation.completed_at >= day_ends_at)
                    AND invitation.expires_at > day_ends_at) AS surveys_pending,
           BOOL_OR(template.type = 'career' AND invitation.completed_at < day_ends_at) AS career_survey_done
    FROM survey_distribution_logs AS invitation
    JOIN survey_templates AS template ON template.id = invitation.template_id
    WHERE invitation.audience = 'youth' AND invitation.created_at < day_ends_at
    GROUP BY invitation.youth_id
),
placed AS (
    SELECT DISTINCT youth_id AS user_id
    FROM placements
    WHERE start_date <= feature_day
)
SELECT youth.user_id,
       feature_day AS feature_date,
       CAST(COALESCE(assignments.modules_assigned, 0) AS INT) AS modules_assigned,
       CAST(COALESCE(assignments.modules_started, 0) AS INT) AS modules_started,
       CAST(COALESCE(assignments.modules_completed, 0) AS INT) AS modules_completed,
       COALESCE(assignments.avg_completion, 0.0D) AS avg_completion,
       datediff(feature_day, youth.registered_on) AS days_since_registration,
       -- GREATEST skips NULL: a youth with no events yet is inactive since registering.
       datediff(feature_day, GREATEST(youth.registered_on, activity.last_active_on)) AS days_inactive,
       CAST(COALESCE(activity.active_days_7, 0) AS INT) AS active_days_7,
       CAST(COALESCE(activity.active_days_30, 0) AS INT) AS active_days_30,
       CAST(COALESCE(quizzes.quiz_attempts, 0) AS INT) AS quiz_attempts,
       CAST(COALESCE(points.points, 0) AS INT) AS points,
       CAST(COALESCE(streaks.streak_days, 0) AS INT) AS streak_days,
       CAST(COALESCE(surveys.surveys_pending, 0) AS INT) AS surveys_pending,
       COALESCE(surveys.career_survey_done, FALSE) AS career_survey_done,
       CAST(COALESCE(badges.badges_earned, 0) AS INT) AS badges_earned,
       placed.user_id IS NOT NULL AS placed,
       current_timestamp() AS feature_timestamp
FROM youth
LEFT JOIN assignments ON assignments.user_id = youth.user_id
LEFT JOIN activity ON activity.user_id = youth.user_id
LEFT JOIN streaks ON streaks.user_id = youth.user_id
LEFT JOIN quizzes ON quizzes.user_id = youth.user_id
LEFT JOIN points ON points.user_id = youth.user_id
LEFT JOIN badges ON badges.user_id = youth.user_id
LEFT JOIN surveys ON surveys.user_id = youth.user_id
LEFT JOIN placed ON placed.user_id = youth.user_id;

-- The app reads exactly these columns (mb/adapters/features/databricks_rows.py).
CREATE TABLE IF NOT EXISTS student_daily_features (
    user_id INT NOT NULL,
    feature_date DATE NOT NULL,
    modules_assigned INT,
    modules_started INT,
    modules_completed INT,
    avg_completion DOUBLE,
    days_since_registration INT,
    days_inactive INT,
    active_days_7 INT,
    active_days_30 INT,
    quiz_attempts INT,
    points INT,
    streak_days INT,
    surveys_pending INT,
    career_survey_done BOOLEAN,
    badges_earned INT,
    placed BOOLEAN,
    feature_timestamp TIMESTAMP NOT NULL
)
CLUSTER BY (feature_date);

-- One atomic statement (Delta's selective overwrite): readers never see the day half replaced.
INSERT INTO student_daily_features REPLACE WHERE feature_date = feature_day
SELECT user_id, feature_date, modules_assigned, modules_started, modules_completed, avg_completion,
       days_since_registration, days_inactive, active_days_7, active_days_30, quiz_attempts, points,
       streak_days, surveys_pending, career_survey_done, badges_earned, placed, feature_timestamp
FROM daily_features_today;

//! A cadence line for a role several people hold is delivered by the team (issue 16), on SQLite
//! and PostgreSQL: Alex Phoenix (America/Phoenix, no DST) and Dana Denver (America/Denver) are
//! both subject-matter experts of Memphis's engagement (America/Chicago), each working 07:00–
//! 15:00 on their own clock. A quarterly two-hour line asked for 08:00 Central is placed at
//! times free for both: 08:00 CST in January, 09:00 CDT from April (08:00 CDT is 06:00 in
//! Phoenix), the move naming Alex. With Dana away all July, the July session has no time and
//! the preview and the refused send name her; once she is back the line books the team (a
//! proposal and a row per provider per session, one e-mail each). A line naming one of them
//! plans for that one alone; naming someone else is refused beside the field.
//!
//! A line of quarterly two-day on-site visits (08:30–17:00 Central, travel days kept) is placed
//! visit by visit and books one session per visit spanning both days, blocked from the travel
//! day before to the travel day after.
//!
//! The same visits delivered by both experts (the SME team on a visit): every day of every
//! visit is checked for each of them — with Dana away the week of the first visit, it has no
//! date and the preview and the refused send name her and the day on Memphis's calendar; once
//! she is back, each visit books both at one time (08:30 CST in January, 08:30 CDT in April,
//! Alex's clock without DST), each gets the proposal; a visit that can only fall on a federal
//! holiday is refused naming the day.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Datelike, TimeZone as _, Timelike, Utc};
use contract::forms::{CadenceForm, CadenceLineForm};
use contract::vocabulary::TeamRole;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, Database as SeaDatabase};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use service::ServiceError;
use service::engagements::{cadence_choices, preview_cadence, send_cadence};
use service::entities::{email_outbox, session_team_member, time_off, tta_session};

use crate::harness::fixtures::{coordinator_actor, notify, three_providers};
use crate::harness::{Backend, seeded_service_database};

crate::on_both_backends!(
    a_line_for_a_role_several_hold_books_the_whole_team,
    a_line_of_two_day_visits_books_each_visit_with_its_travel_days,
    a_team_visit_checks_every_day_for_every_member,
    an_unplaced_team_session_offers_times_free_for_all,
);

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
}

fn central(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    scheduling::Zone::parse("America/Chicago")
        .unwrap()
        .local(at)
}

/// Memphis's engagement (2027–2029) with Alex Phoenix (101) and Dana Denver (102) both as
/// subject-matter experts; answers its id.
async fn engagement_with_two_experts(url: &str, db: &service::Database) -> i32 {
    three_providers(url, db).await;
    let raw = SeaDatabase::connect(url).await.unwrap();
    raw.execute_unprepared(
        "INSERT INTO engagement (site_id, kind, status, starts_on, planned_end, notes, created_at) \
         VALUES (3, 'operations', 'active', '2027-01-04', '2029-12-31', '', '2026-11-29 00:00:00+00:00')",
    )
    .await
    .unwrap();
    let row = raw
        .query_one_raw(sea_orm::Statement::from_string(
            raw.get_database_backend(),
            "SELECT CAST(MAX(id) AS BIGINT) FROM engagement".to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    let id = i32::try_from(row.try_get_by_index::<i64>(0).unwrap()).unwrap();
    for user in [101, 102] {
        raw.execute_unprepared(&format!(
            "INSERT INTO engagement_member (engagement_id, user_id, side, role, created_at) \
             VALUES ({id}, {user}, 'tta', 'subject_matter_expert', '2026-11-29 00:00:00+00:00')"
        ))
        .await
        .unwrap();
    }
    raw.close().await.unwrap();
    id
}

fn quarterly() -> CadenceLineForm {
    CadenceLineForm {
        title: "Quarterly review with the SME team".into(),
        role: "subject_matter_expert".into(),
        cadence: "quarterly".into(),
        session_minutes: "120".into(),
        modality: "virtual".into(),
        weekdays: vec!["wed".into(), "thu".into()],
        window_start: "08:00".into(),
        window_end: "11:00".into(),
        from: "2027-01-04".into(),
        through: "2027-12-31".into(),
        moves: String::new(),
        providers: String::new(),
        visit_days: String::new(),
        travel_days: String::new(),
    }
}

fn form(line: CadenceLineForm, previewed: &str) -> CadenceForm {
    CadenceForm {
        lines: vec![line],
        previewed: previewed.to_owned(),
    }
}

async fn a_line_for_a_role_several_hold_books_the_whole_team(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let engagement = engagement_with_two_experts(&database.url, &db).await;
    let coordinator = coordinator_actor(&database.url, &db).await;

    // Dana is away all of July.
    let away = time_off::ActiveModel {
        provider_id: Set(102),
        starts_at: Set(Utc.with_ymd_and_hms(2027, 6, 28, 0, 0, 0).unwrap()),
        ends_at: Set(Utc.with_ymd_and_hms(2027, 8, 2, 0, 0, 0).unwrap()),
        note: Set("Summer leave".to_owned()),
        ..Default::default()
    }
    .insert(db.conn())
    .await
    .unwrap();
    let preview = preview_cadence(&db, &coordinator, engagement, &form(quarterly(), ""), now())
        .await
        .unwrap();
    let line = &preview.lines[0];
    assert_eq!(
        line.provider,
        "Alex Phoenix and Dana Denver (Subject-matter expert)"
    );
    assert_eq!((line.requested, line.placed), (4, 3), "{line:?}");
    assert!(!preview.can_send);
    // July: Dana is the one with no free time (Alex is free, only not at 08:00 CDT).
    let july = &line.unplaced[0];
    assert!(
        july.reasons
            .iter()
            .any(|r| r.starts_with("Dana Denver has no free time") && r.contains("Summer leave")),
        "{july:?}"
    );
    let refused = send_cadence(
        &db,
        &coordinator,
        engagement,
        &form(quarterly(), &preview.previewed),
        &notify(),
        now(),
    )
    .await
    .unwrap_err();
    let ServiceError::InvalidFields(errors) = refused else {
        panic!("{refused:?}");
    };
    let said = errors.message_for("line_0_plan").unwrap();
    assert!(
        said.contains("find no time free for all of Alex Phoenix and Dana Denver")
            && said.contains("Dana Denver is away"),
        "{said}"
    );

    // Back from leave: every session has a time free for both.
    time_off::Entity::delete_by_id(away.id)
        .exec(db.conn())
        .await
        .unwrap();
    let preview = preview_cadence(&db, &coordinator, engagement, &form(quarterly(), ""), now())
        .await
        .unwrap();
    assert_eq!(
        (preview.lines[0].requested, preview.lines[0].placed),
        (4, 4)
    );
    assert!(preview.can_send);
    let sent = send_cadence(
        &db,
        &coordinator,
        engagement,
        &form(quarterly(), &preview.previewed),
        &notify(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(sent.requests.len(), 1);
    assert_eq!(sent.proposals.len(), 2, "a proposal per provider");
    assert_eq!(sent.sessions, 8, "a row per provider per session");
    let team: Vec<i32> = session_team_member::Entity::find()
        .filter(session_team_member::Column::ProposalId.is_in(sent.proposals.clone()))
        .all(db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.provider_id)
        .collect();
    assert_eq!(team.len(), 2);
    assert!(team.contains(&101) && team.contains(&102));
    let rows = tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.eq(sent.requests[0]))
        .all(db.conn())
        .await
        .unwrap();
    assert_eq!(rows.len(), 8);
    for occurrence in 1..=4 {
        let pair: Vec<&tta_session::Model> =
            rows.iter().filter(|s| s.occurrence == occurrence).collect();
        assert_eq!(pair.len(), 2);
        assert_eq!(
            pair[0].starts_at, pair[1].starts_at,
            "one time for the team"
        );
        let local = central(pair[0].starts_at);
        // 08:00 CST in January; 09:00 CDT after the spring-forward change (Alex's 07:00 MST).
        let hour = if local.month() < 3 || local.month() > 11 {
            8
        } else {
            9
        };
        assert_eq!(
            (local.hour(), local.minute()),
            (hour, 0),
            "session {occurrence} at {local}"
        );
    }
    for email in ["p101@example.org", "p102@example.org"] {
        let told = email_outbox::Entity::find()
            .filter(email_outbox::Column::Recipient.eq(email))
            .filter(email_outbox::Column::Event.eq("proposal"))
            .all(db.conn())
            .await
            .unwrap();
        assert_eq!(told.len(), 1, "{email}");
    }

    // One of the experts named: planned for that one alone (the line's times are Alex's).
    let alone = CadenceLineForm {
        providers: "101".into(),
        title: "Quarterly check-in with Alex".into(),
        from: "2028-01-03".into(),
        through: "2028-12-31".into(),
        ..quarterly()
    };
    let preview = preview_cadence(&db, &coordinator, engagement, &form(alone, ""), now())
        .await
        .unwrap();
    assert_eq!(
        preview.lines[0].provider,
        "Alex Phoenix (Subject-matter expert)"
    );
    // Someone who is not an expert on the team is refused beside the field.
    let stranger = CadenceLineForm {
        providers: "101,103".into(),
        ..quarterly()
    };
    assert_eq!(
        providers_refusal(&db, &coordinator, engagement, stranger).await,
        "Choose among the subject-matter experts on the TTA team: Alex Phoenix, Dana Denver."
    );
    // Everyone unticked in the form (`none`): refused beside the field, naming who may deliver.
    let nobody = CadenceLineForm {
        providers: "none".into(),
        ..quarterly()
    };
    assert_eq!(
        providers_refusal(&db, &coordinator, engagement, nobody).await,
        "Tick at least one of the subject-matter experts on the TTA team to deliver this line: \
         Alex Phoenix, Dana Denver."
    );
    // The form offers each holder by id, so the coordinator can tick them.
    let choices = cadence_choices(&db, &coordinator, engagement, now())
        .await
        .unwrap();
    let experts = choices
        .roles
        .iter()
        .find(|r| r.role == TeamRole::SubjectMatterExpert)
        .unwrap();
    assert_eq!(
        experts
            .holders
            .iter()
            .map(|h| (h.user_id, h.name.as_str()))
            .collect::<Vec<_>>(),
        vec![(101, "Alex Phoenix"), (102, "Dana Denver")]
    );
}

/// The preview's refusal of `line`, which must be refused beside its `providers` alone.
async fn providers_refusal(
    db: &service::Database,
    coordinator: &service::access::Actor,
    engagement: i32,
    line: CadenceLineForm,
) -> String {
    let refused = preview_cadence(db, coordinator, engagement, &form(line, ""), now())
        .await
        .unwrap_err();
    let ServiceError::InvalidFields(errors) = refused else {
        panic!("{refused:?}");
    };
    errors.message_for("line_0_providers").unwrap().to_owned()
}

fn visits() -> CadenceLineForm {
    CadenceLineForm {
        title: "Quarterly on-site visit".into(),
        modality: "on_site".into(),
        weekdays: vec!["tue".into(), "wed".into()],
        window_start: "08:30".into(),
        window_end: "17:00".into(),
        session_minutes: String::new(),
        visit_days: "2".into(),
        travel_days: "on".into(),
        ..quarterly()
    }
}

async fn a_line_of_two_day_visits_books_each_visit_with_its_travel_days(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let engagement = engagement_with_two_experts(&database.url, &db).await;
    let coordinator = coordinator_actor(&database.url, &db).await;

    let alex = CadenceLineForm {
        providers: "101".into(),
        ..visits()
    };
    let preview = preview_cadence(
        &db,
        &coordinator,
        engagement,
        &form(alex.clone(), ""),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (preview.lines[0].requested, preview.lines[0].placed),
        (4, 4),
        "{preview:?}"
    );
    let sent = send_cadence(
        &db,
        &coordinator,
        engagement,
        &form(alex, &preview.previewed),
        &notify(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (sent.requests.len(), sent.proposals.len(), sent.sessions),
        (1, 1, 4)
    );
    let request = service::requests::request_view(&db, sent.requests[0])
        .await
        .unwrap()
        .request;
    assert_eq!((request.visit_days, request.travel_days), (2, true));
    let mut rows = tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.eq(sent.requests[0]))
        .all(db.conn())
        .await
        .unwrap();
    rows.sort_by_key(|s| s.occurrence);
    assert_eq!(rows.len(), 4);
    for row in &rows {
        // 08:30 on the first day to 17:00 on the second, on Memphis's clock (CST or CDT).
        let (start, end) = (central(row.starts_at), central(row.ends_at));
        assert_eq!((start.hour(), start.minute()), (8, 30), "{start}");
        assert_eq!((end.hour(), end.minute()), (17, 0), "{end}");
        assert_eq!(
            (end.date() - start.date()).num_days(),
            1,
            "{start} to {end}"
        );
        // Blocked from midnight of the travel day before to midnight after the one after.
        let (from, until) = (central(row.blocked_from), central(row.blocked_until));
        assert_eq!(
            from,
            (start.date() - chrono::Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .unwrap()
        );
        assert_eq!(
            until,
            (end.date() + chrono::Duration::days(2))
                .and_hms_opt(0, 0, 0)
                .unwrap()
        );
    }
    // The January visit is in CST (14:30 UTC); the April one in CDT (13:30 UTC).
    assert_eq!(rows[0].starts_at.hour(), 14);
    assert_eq!(rows[1].starts_at.hour(), 13);
}

async fn a_team_visit_checks_every_day_for_every_member(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let engagement = engagement_with_two_experts(&database.url, &db).await;
    let coordinator = coordinator_actor(&database.url, &db).await;

    // Dana is away the first three weeks of January: the first visit has no date for both.
    let away = time_off::ActiveModel {
        provider_id: Set(102),
        starts_at: Set(Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap()),
        ends_at: Set(Utc.with_ymd_and_hms(2027, 1, 23, 0, 0, 0).unwrap()),
        note: Set("Winter leave".to_owned()),
        ..Default::default()
    }
    .insert(db.conn())
    .await
    .unwrap();
    let team = visits();
    let preview = preview_cadence(
        &db,
        &coordinator,
        engagement,
        &form(team.clone(), ""),
        now(),
    )
    .await
    .unwrap();
    let line = &preview.lines[0];
    assert_eq!(
        line.provider,
        "Alex Phoenix and Dana Denver (Subject-matter expert)"
    );
    assert_eq!((line.requested, line.placed), (4, 3), "{line:?}");
    let january = &line.unplaced[0];
    let said = january.reasons.join(" ");
    assert!(
        said.starts_with("Dana Denver has no free time")
            && said.contains("Jan 2027: Dana Denver is away then (Winter leave)")
            && !said.contains("Alex Phoenix is"),
        "{said}"
    );
    let refused = send_cadence(
        &db,
        &coordinator,
        engagement,
        &form(team.clone(), &preview.previewed),
        &notify(),
        now(),
    )
    .await
    .unwrap_err();
    let ServiceError::InvalidFields(errors) = refused else {
        panic!("{refused:?}");
    };
    let said = errors.message_for("line_0_plan").unwrap();
    assert!(
        said.contains("free for all of Alex Phoenix and Dana Denver")
            && said.contains("Dana Denver is away then"),
        "{said}"
    );

    // Back from leave: every visit is booked for both, at one time.
    time_off::Entity::delete_by_id(away.id)
        .exec(db.conn())
        .await
        .unwrap();
    let preview = preview_cadence(
        &db,
        &coordinator,
        engagement,
        &form(team.clone(), ""),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (preview.lines[0].requested, preview.lines[0].placed),
        (4, 4)
    );
    let sent = send_cadence(
        &db,
        &coordinator,
        engagement,
        &form(team, &preview.previewed),
        &notify(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (sent.requests.len(), sent.proposals.len(), sent.sessions),
        (1, 2, 8)
    );
    let rows = tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.eq(sent.requests[0]))
        .all(db.conn())
        .await
        .unwrap();
    for occurrence in 1..=4 {
        let pair: Vec<&tta_session::Model> =
            rows.iter().filter(|s| s.occurrence == occurrence).collect();
        assert_eq!(pair.len(), 2);
        assert_eq!(
            pair[0].starts_at, pair[1].starts_at,
            "one time for the team"
        );
        assert_ne!(pair[0].provider_id, pair[1].provider_id);
        let (start, end) = (central(pair[0].starts_at), central(pair[0].ends_at));
        assert_eq!((start.hour(), start.minute()), (8, 30), "{start}");
        assert_eq!(
            (
                end.hour(),
                end.minute(),
                (end.date() - start.date()).num_days()
            ),
            (17, 0, 1)
        );
        // Each member's hold covers the travel days.
        for row in pair {
            assert_eq!(
                central(row.blocked_from),
                (start.date() - chrono::Duration::days(1))
                    .and_hms_opt(0, 0, 0)
                    .unwrap()
            );
        }
    }
    let first = |o: i32| rows.iter().find(|s| s.occurrence == o).unwrap().starts_at;
    // January in CST (14:30 UTC), April in CDT (13:30 UTC).
    assert_eq!((first(1).hour(), first(2).hour()), (14, 13));
    for email in ["p101@example.org", "p102@example.org"] {
        let told = email_outbox::Entity::find()
            .filter(email_outbox::Column::Recipient.eq(email))
            .filter(email_outbox::Column::Event.eq("proposal"))
            .all(db.conn())
            .await
            .unwrap();
        assert_eq!(told.len(), 1, "{email}");
    }

    // A visit that can only fall on Martin Luther King Jr. Day (Monday 17 January 2028) is
    // refused naming the day.
    let holiday = CadenceLineForm {
        title: "Visit on the holiday".into(),
        weekdays: vec!["mon".into()],
        from: "2028-01-17".into(),
        through: "2028-01-17".into(),
        visit_days: "1".into(),
        travel_days: String::new(),
        ..visits()
    };
    let preview = preview_cadence(&db, &coordinator, engagement, &form(holiday, ""), now())
        .await
        .unwrap();
    let line = &preview.lines[0];
    assert_eq!((line.requested, line.placed), (1, 0), "{line:?}");
    let said = line.unplaced[0].reasons.join(" ");
    assert!(said.contains("17 Jan 2028"), "{said}");
    assert!(said.contains("Martin Luther King"), "{said}");
}

/// Issue 16: a team occurrence without a time offers the other times free for every member
/// (collective availability), as a one-provider line does; choosing one books it for both, a
/// time not offered is refused naming the session.
async fn an_unplaced_team_session_offers_times_free_for_all(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let engagement = engagement_with_two_experts(&database.url, &db).await;
    let coordinator = coordinator_actor(&database.url, &db).await;
    time_off::ActiveModel {
        provider_id: Set(102),
        starts_at: Set(Utc.with_ymd_and_hms(2027, 6, 28, 0, 0, 0).unwrap()),
        ends_at: Set(Utc.with_ymd_and_hms(2027, 8, 2, 0, 0, 0).unwrap()),
        note: Set("Summer leave".to_owned()),
        ..Default::default()
    }
    .insert(db.conn())
    .await
    .unwrap();
    let preview = preview_cadence(&db, &coordinator, engagement, &form(quarterly(), ""), now())
        .await
        .unwrap();
    let july = &preview.lines[0].unplaced[0];
    assert!(!july.alternatives.is_empty(), "{july:?}");
    let back = Utc
        .with_ymd_and_hms(2027, 8, 2, 0, 0, 0)
        .unwrap()
        .timestamp();
    for offered in &july.alternatives {
        // Free for both: outside Dana's leave, and at 09:00 CDT or later (Alex's 07:00).
        let leaves = Utc
            .with_ymd_and_hms(2027, 6, 28, 0, 0, 0)
            .unwrap()
            .timestamp();
        assert!(
            offered.starts_at < leaves || offered.starts_at >= back,
            "{offered:?}"
        );
        let local = central(DateTime::from_timestamp(offered.starts_at, 0).unwrap());
        assert!(local.hour() >= 9, "{local}");
    }
    // A time Dana is away is refused, naming the session.
    let forged = CadenceLineForm {
        moves: format!(
            "{}@{}",
            july.occurrence,
            Utc.with_ymd_and_hms(2027, 7, 7, 14, 0, 0)
                .unwrap()
                .timestamp()
        ),
        ..quarterly()
    };
    let refused = preview_cadence(&db, &coordinator, engagement, &form(forged, ""), now())
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, ServiceError::Conflict(m) if m.contains(&format!("session {}", july.occurrence))
            && m.contains("free for all of Alex Phoenix and Dana Denver")),
        "{refused:?}"
    );
    // The first time offered: placed for both, and the plan can be sent.
    let chosen = july.alternatives[0].starts_at;
    let line = CadenceLineForm {
        moves: format!("{}@{chosen}", july.occurrence),
        ..quarterly()
    };
    let preview = preview_cadence(
        &db,
        &coordinator,
        engagement,
        &form(line.clone(), ""),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (preview.lines[0].requested, preview.lines[0].placed),
        (4, 4)
    );
    assert!(preview.can_send);
    let sent = send_cadence(
        &db,
        &coordinator,
        engagement,
        &form(line, &preview.previewed),
        &notify(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(sent.sessions, 8);
    let rows = tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.eq(sent.requests[0]))
        .filter(tta_session::Column::Occurrence.eq(i32::try_from(july.occurrence).unwrap()))
        .all(db.conn())
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.starts_at.timestamp() == chosen));
}
